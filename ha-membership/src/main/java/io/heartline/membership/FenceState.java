package io.heartline.membership;

/**
 * Where fencing a peer stands.
 *
 * @param nextAt   DELAYED: when to fence; FAILED: when to try again (monotonic ns)
 * @param attempts fence runs so far for this outage
 */
public record FenceState(Phase phase, long since, long nextAt, int attempts, String detail) {
    public enum Phase {
        /** Waiting for this node's fence delay (the less preferred node lets the other win a race). */
        DELAYED,
        /** The fence agent is running. */
        RUNNING,
        /** Confirmed off: its groups may be taken. */
        FENCED,
        /** The agent failed or timed out: no takeover; retried with backoff. */
        FAILED
    }
}
