package io.heartline.stonith;

import io.heartline.core.NodeId;
import java.time.Duration;
import java.time.Instant;

/**
 * One finished fence request, as kept in {@link FenceHistory} and told to {@link FenceListener}s.
 *
 * @param requested wall time of the request (for people: journal, {@code hactl status})
 * @param agent     the agent's {@link FenceAgent#name()}, or "-" when no agent was configured
 * @param delay     the fence delay waited before the agent ran
 * @param took      the agent time (for OFF: off plus verifying status), delay not included
 */
public record FenceRecord(Instant requested, NodeId node, FenceAction action, String agent, Outcome outcome,
                          PowerState power, String detail, Duration delay, Duration took) {

    static FenceRecord of(Instant requested, NodeId node, FenceAction action, String agent, Duration delay,
                          FenceResult r) {
        return new FenceRecord(requested, node, action, agent, r.outcome(), r.power(), r.detail(), delay, r.took());
    }
}
