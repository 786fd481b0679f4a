package io.heartline.membership;

/**
 * A {@code hactl failover} waiting for its handoff to finish.
 *
 * @param fromEpoch the term being ended; done when {@code target} is ACTIVE in a newer one
 * @param viaPeer   the owner is a peer: this node asks it in its beacons ({@link io.heartline.core.HandoffRequest})
 */
public record PendingCommand(long requestId, String group, String target, long fromEpoch, long startedAt,
                             long deadline, boolean viaPeer) {
}
