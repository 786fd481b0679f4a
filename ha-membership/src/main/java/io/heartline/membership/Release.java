package io.heartline.membership;

/**
 * Why and to whom a group is being released.
 *
 * @param target      the node that gets the group ("" = nobody in particular)
 * @param cause       for the journal
 * @param handOver    true when this node still owns the term and ends it: once stopped, the term
 *                    becomes (epoch + 1, target); false when a newer term elsewhere already ended ours
 * @param startFailed the release cleans up after a failed start: the group goes to FAULT here
 */
public record Release(String target, String cause, boolean handOver, boolean startFailed) {
}
