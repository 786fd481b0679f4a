package io.heartline.membership;

/** What can happen to a group on this node; the decider turns events and rules into these. */
public enum GroupInput {
    /** {@code initdead} is over, or every peer has been heard. */
    INIT_DONE,
    /** This node should own the group (orphaned and we are the best candidate, or handed to us). */
    CLAIM,
    /** The group's resources started. */
    STARTED,
    /** A resource failed to start. */
    START_FAILED,
    /** Give the group away (planned failover, newer owner seen, failback, shutdown). */
    RELEASE,
    /** The group's resources stopped. */
    STOPPED,
    /** A resource failed to stop. */
    STOP_FAILED,
    /** The clean-up after a failed start is done: the group must not come back here by itself. */
    STOPPED_AFTER_FAILURE,
    /** An operator cleared the fault. */
    CLEANUP,
    /** The node went into standby: it refuses the group (only from STANDBY; a held group is released first). */
    OFFLINE,
    /** The node is online again: it may take the group. */
    ONLINE
}
