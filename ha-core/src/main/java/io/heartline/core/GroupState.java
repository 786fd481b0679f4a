package io.heartline.core;

/**
 * The state of one resource group on one node. The transitions between them are a total
 * table in the membership module ({@code GroupTransitions}).
 */
public enum GroupState {
    /** Just started: listening for peers for {@code initdead} before taking part. */
    INIT,
    /** Not owning the group; ready to take it. */
    STANDBY,
    /** Claimed (epoch bumped, persisted); resources starting. */
    STARTING,
    /** Owning the group, resources running. */
    ACTIVE,
    /** Stopping resources to give the group away (handoff, shutdown, lost a two-owner meeting). */
    RELEASING,
    /** Start or stop failed; this node will not take the group until an operator cleans it up. */
    FAULT,
    /** The operator put this node in standby ({@code hactl standby}): it refuses the group until {@code online}. */
    OFFLINE;

    /** Whether a node in this state holds (or may hold) the group's resources. */
    public boolean holds() {
        return this == STARTING || this == ACTIVE || this == RELEASING;
    }
}
