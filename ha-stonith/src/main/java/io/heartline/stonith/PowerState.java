package io.heartline.stonith;

/** A node's power state as last reported by a fence device. */
public enum PowerState {
    ON,
    OFF,
    /** The device was not asked, could not tell, or could not be reached. */
    UNKNOWN
}
