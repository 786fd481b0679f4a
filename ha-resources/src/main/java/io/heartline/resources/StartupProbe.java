package io.heartline.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * Start-up probes for {@link GroupManager} (Pacemaker's probes): before the group may start here,
 * the monitor of every member, in order, then a reverse-order stop of what must not stay.
 *
 * <pre>
 * group not owned here on disk: stop every member found RUNNING or UNKNOWN (another node runs the group,
 *                               or will: nothing of it may run here)
 * group owned here on disk:     leave what runs (the decider starts the group here or hands it over);
 *                               stop, from the first UNKNOWN member up, every member not found NOT_RUNNING,
 *                               so that a start begins from a known state
 * </pre>
 *
 * UNKNOWN (a monitor that timed out or failed) counts as running: stopping is idempotent, so the
 * safe side is to stop it. A failed stop leaves the member FAILED and is escalated through
 * {@link GroupListener#stopFailed}: it may still run.
 */
final class StartupProbe {
    private final GroupManager manager;

    StartupProbe(GroupManager manager) {
        this.manager = manager;
    }

    /** Which members (indexes into {@code found}, in the order to stop them: last first) must be stopped. */
    static List<Integer> toStop(List<ProbeResult> found, boolean ownedHere) {
        int from = ownedHere ? found.indexOf(ProbeResult.UNKNOWN) : 0;
        List<Integer> out = new ArrayList<>();
        if (from < 0) {
            return out;
        }
        for (int i = found.size() - 1; i >= from; i--) {
            if (found.get(i) != ProbeResult.NOT_RUNNING) {
                out.add(i);
            }
        }
        return out;
    }

    ProbeReport run(List<ResourceSlot> slots, boolean ownedHere) {
        List<ProbeResult> found = new ArrayList<>();
        List<OperationResult> monitors = new ArrayList<>();
        for (ResourceSlot s : slots) {
            OperationResult r = manager.call(s, Operation.MONITOR);
            s.lastMonitor = r;
            s.lastMonitorAt = manager.clock().wallTime();
            ProbeResult p = ProbeResult.of(r);
            if (p == ProbeResult.RUNNING && s.state.allows(ResourceEvent.PROBED_RUNNING)) {
                manager.move(s, ResourceEvent.PROBED_RUNNING, "start-up probe: " + r.summary());
            } else if (p == ProbeResult.UNKNOWN) {
                s.lastFailure = r;
            }
            found.add(p);
            monitors.add(r);
        }
        OperationResult[] stops = new OperationResult[slots.size()];
        for (int i : toStop(found, ownedHere)) {
            ResourceSlot s = slots.get(i);
            String cause = "start-up probe found it " + found.get(i).wireName() + (ownedHere ? "" : " in a group not owned here");
            if (!s.state.allows(ResourceEvent.STOP)) {
                continue; // a group operation already moved it (cannot happen: the probe runs first)
            }
            manager.move(s, ResourceEvent.STOP, cause);
            OperationResult r = manager.call(s, Operation.STOP);
            stops[i] = r;
            if (r.succeeded()) {
                manager.move(s, ResourceEvent.STOPPED, r.summary());
            } else {
                s.lastFailure = r;
                manager.move(s, ResourceEvent.STOP_FAILED, r.summary());
                manager.reportStopFailure(s, r);
            }
        }
        List<ProbeReport.Entry> entries = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            entries.add(new ProbeReport.Entry(slots.get(i).name(), monitors.get(i), found.get(i), stops[i]));
        }
        manager.publish();
        return new ProbeReport(manager.groupName(), ownedHere, entries);
    }
}
