package io.heartline.resources;

/** The inputs of {@link ResourceState}'s transition table. */
public enum ResourceEvent {
    /** A start is about to run. */
    START,
    STARTED,
    START_FAILED,
    /** A stop is about to run. */
    STOP,
    STOPPED,
    STOP_FAILED,
    MONITOR_OK,
    MONITOR_FAILED,
    /** A cleanup's probe found the resource cleanly stopped. */
    PROBED_STOPPED,
    /** A cleanup's probe found the resource running. */
    PROBED_RUNNING
}
