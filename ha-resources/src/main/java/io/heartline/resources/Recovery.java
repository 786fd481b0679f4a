package io.heartline.resources;

/**
 * The on-fail policy ({@link OnFail}) applied to a failed monitor, and cleanup, for
 * {@link GroupManager}.
 *
 * <p>Every failed monitor counts: the resource's fail count grows and the failure is recorded in
 * its restart window. Then, by on-fail action: IGNORE keeps it RUNNING and monitored; BLOCK
 * leaves it FAILED, unmonitored; FAILOVER asks for a fail-over; RESTART asks for a fail-over if
 * the status is a hard or fatal error or if this failure is beyond {@code maxRestarts} within
 * {@code restartWindow}, and otherwise stops and starts the resource in place (that resource
 * alone; members after it keep running). A failed stop in a restart is escalated through
 * {@link GroupListener#stopFailed}; a failed start in a restart asks for a fail-over.
 */
final class Recovery {
    private final GroupManager manager;

    Recovery(GroupManager manager) {
        this.manager = manager;
    }

    void monitorFailed(ResourceSlot s, OperationResult r) {
        OnFail onFail = s.policy().onFail();
        s.failCount++;
        s.lastFailure = r;
        int recent = s.history.record(manager.clock().monotonicNanos(), onFail.restartWindow());
        String what = describe(r);
        switch (onFail.action()) {
            case IGNORE -> {
                manager.publish();
                manager.scheduleMonitor(s);
            }
            case BLOCK -> manager.move(s, ResourceEvent.MONITOR_FAILED, "monitor failed, on-fail=block: " + what);
            case FAILOVER -> {
                manager.move(s, ResourceEvent.MONITOR_FAILED, "monitor failed: " + what);
                manager.requestFailover(s, "monitor failed (on-fail=failover): " + what);
            }
            case RESTART -> {
                manager.move(s, ResourceEvent.MONITOR_FAILED, "monitor failed: " + what);
                OcfStatus.Severity severity = r.status().severity();
                if (severity == OcfStatus.Severity.HARD || severity == OcfStatus.Severity.FATAL) {
                    manager.requestFailover(s, "monitor " + r.status() + " is a " + severity.name().toLowerCase()
                            + " error, a restart here cannot help: " + what);
                } else if (recent > onFail.maxRestarts()) {
                    manager.requestFailover(s, "failed " + recent + " times within " + onFail.restartWindow()
                            + " (max-restarts " + onFail.maxRestarts() + "): " + what);
                } else {
                    restartInPlace(s, "restart " + recent + " of " + onFail.maxRestarts() + " after: " + what);
                }
            }
        }
    }

    private void restartInPlace(ResourceSlot s, String cause) {
        manager.move(s, ResourceEvent.STOP, cause);
        OperationResult stop = manager.call(s, Operation.STOP);
        if (!stop.succeeded()) {
            s.lastFailure = stop;
            manager.move(s, ResourceEvent.STOP_FAILED, "stop failed in restart: " + describe(stop));
            manager.reportStopFailure(s, stop);
            return;
        }
        manager.move(s, ResourceEvent.STOPPED, stop.summary());
        if (!startAgain(s, cause)) {
            manager.requestFailover(s, "restart in place failed: " + describe(s.lastFailure));
        }
    }

    /** Clears failures, probes, and brings the resource back in line with the group's target. */
    ResourceStatus cleanup(ResourceSlot s) {
        s.failCount = 0;
        s.history.clear();
        s.lastFailure = null;
        if (s.state == ResourceState.STOPPED || s.state == ResourceState.FAILED) {
            OperationResult probe = manager.call(s, Operation.MONITOR);
            s.lastMonitor = probe;
            s.lastMonitorAt = manager.clock().wallTime();
            boolean wanted = manager.target() == GroupStatus.Target.STARTED;
            if (probe.succeeded()) {
                manager.move(s, ResourceEvent.PROBED_RUNNING, "cleanup: " + probe.summary());
                if (wanted) {
                    manager.scheduleMonitor(s);
                }
            } else if (probe.status() == OcfStatus.NOT_RUNNING) {
                manager.move(s, ResourceEvent.PROBED_STOPPED, "cleanup: " + probe.summary());
                if (wanted) {
                    startAgain(s, "cleanup: the group runs here");
                }
            } else {
                s.lastFailure = probe;
            }
        }
        manager.publish();
        return s.snapshot();
    }

    private boolean startAgain(ResourceSlot s, String cause) {
        manager.move(s, ResourceEvent.START, cause);
        OperationResult start = manager.call(s, Operation.START);
        if (start.succeeded()) {
            manager.move(s, ResourceEvent.STARTED, start.summary());
            manager.scheduleMonitor(s);
            return true;
        }
        s.failCount++;
        s.lastFailure = start;
        manager.move(s, ResourceEvent.START_FAILED, describe(start));
        return false;
    }

    private static String describe(OperationResult r) {
        String out = r.output().strip();
        if (out.length() > 200) {
            out = out.substring(0, 200) + "…";
        }
        return r.summary() + (out.isEmpty() ? "" : " [" + out.replace('\n', ' ') + "]");
    }
}
