package io.heartline.resources;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** One group member's mutable state, owned by its {@link GroupManager} (touched under its lock only). */
final class ResourceSlot {
    final GroupMember member;
    final RestartHistory history = new RestartHistory();
    ResourceState state = ResourceState.STOPPED;
    Instant since;
    int failCount;
    OperationResult lastMonitor;
    Instant lastMonitorAt;
    OperationResult lastFailure;
    /** Bumped whenever the recurring monitor is cancelled, so a task already queued knows it is stale. */
    long monitorGeneration;
    ScheduledFuture<?> monitor;

    ResourceSlot(GroupMember member, Instant now) {
        this.member = member;
        this.since = now;
    }

    String name() {
        return member.name();
    }

    Resource resource() {
        return member.resource();
    }

    ResourcePolicy policy() {
        return member.policy();
    }

    void cancelMonitor() {
        monitorGeneration++;
        if (monitor != null) {
            monitor.cancel(false);
            monitor = null;
        }
    }

    ResourceStatus snapshot() {
        return new ResourceStatus(name(), resource().describe(), state, since, failCount, lastMonitor, lastMonitorAt, lastFailure,
                resource().statusDetails());
    }
}
