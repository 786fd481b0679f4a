package io.heartline.resources;

import java.time.Instant;

/**
 * A resource as {@code hactl status} shows it: state and since when, failures since the last
 * cleanup, the last monitor's result and time, and the last failed operation. The
 * {@code last*} fields are null when there was none.
 */
public record ResourceStatus(String name, String agent, ResourceState state, Instant since, int failCount,
                             OperationResult lastMonitor, Instant lastMonitorAt, OperationResult lastFailure) {
}
