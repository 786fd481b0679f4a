package io.heartline.resources;

import java.time.Instant;
import java.util.Map;

/**
 * A resource as {@code hactl status} shows it: state and since when, failures since the last
 * cleanup, the last monitor's result and time, the last failed operation, and what the resource
 * itself adds ({@link Resource#statusDetails()}). The {@code last*} fields are null when there was none.
 */
public record ResourceStatus(String name, String agent, ResourceState state, Instant since, int failCount,
                             OperationResult lastMonitor, Instant lastMonitorAt, OperationResult lastFailure,
                             Map<String, Object> details) {
    public ResourceStatus {
        details = Map.copyOf(details);
    }

    /** This status with the resource's details as they are now. */
    public ResourceStatus withDetails(Map<String, Object> now) {
        return new ResourceStatus(name, agent, state, since, failCount, lastMonitor, lastMonitorAt, lastFailure, now);
    }
}
