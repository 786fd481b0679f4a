package io.heartline.resources;

import java.util.ArrayList;
import java.util.List;

/** A group's ordered start (with roll-back) and reverse stop, for {@link GroupManager}. */
final class Sequencer {
    private final GroupManager manager;
    private final List<GroupResult.Step> steps = new ArrayList<>();

    Sequencer(GroupManager manager) {
        this.manager = manager;
    }

    GroupResult start(List<ResourceSlot> slots) {
        manager.target(GroupStatus.Target.STARTED);
        List<ResourceSlot> attempted = new ArrayList<>();
        ResourceSlot failed = null;
        for (ResourceSlot s : slots) {
            attempted.add(s);
            if (!startOne(s, "group start")) {
                failed = s;
                break;
            }
        }
        if (failed == null) {
            return result(Operation.START, GroupResult.Outcome.SUCCESS);
        }
        manager.target(GroupStatus.Target.STOPPED);
        boolean clean = stopAll(attempted, "roll back: " + failed.name() + " failed to start");
        return result(Operation.START, clean ? GroupResult.Outcome.FAILED : GroupResult.Outcome.STOP_FAILED);
    }

    GroupResult stop(List<ResourceSlot> slots) {
        manager.target(GroupStatus.Target.STOPPED);
        boolean clean = stopAll(slots, "group stop");
        return result(Operation.STOP, clean ? GroupResult.Outcome.SUCCESS : GroupResult.Outcome.STOP_FAILED);
    }

    private boolean startOne(ResourceSlot s, String cause) {
        s.cancelMonitor();
        manager.move(s, ResourceEvent.START, cause);
        OperationResult r = manager.call(s, Operation.START);
        steps.add(new GroupResult.Step(s.name(), r));
        if (r.succeeded()) {
            manager.move(s, ResourceEvent.STARTED, r.summary());
            manager.scheduleMonitor(s);
            return true;
        }
        s.failCount++;
        s.lastFailure = r;
        manager.move(s, ResourceEvent.START_FAILED, r.summary());
        return false;
    }

    /** Stops {@code slots} last to first, going on past failures; true if every stop succeeded. */
    private boolean stopAll(List<ResourceSlot> slots, String cause) {
        slots.forEach(ResourceSlot::cancelMonitor);
        boolean clean = true;
        for (int i = slots.size() - 1; i >= 0; i--) {
            ResourceSlot s = slots.get(i);
            manager.move(s, ResourceEvent.STOP, cause);
            OperationResult r = manager.call(s, Operation.STOP);
            steps.add(new GroupResult.Step(s.name(), r));
            if (r.succeeded()) {
                manager.move(s, ResourceEvent.STOPPED, r.summary());
            } else {
                clean = false;
                s.lastFailure = r;
                manager.move(s, ResourceEvent.STOP_FAILED, r.summary());
            }
        }
        return clean;
    }

    private GroupResult result(Operation op, GroupResult.Outcome outcome) {
        manager.publish();
        return new GroupResult(manager.groupName(), op, outcome, steps);
    }
}
