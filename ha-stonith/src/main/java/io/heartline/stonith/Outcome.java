package io.heartline.stonith;

/** How a fence operation ended. Only {@link #OK} means the device did what was asked. */
public enum Outcome {
    /** The agent reported success (for an executor OFF: and status confirmed off). */
    OK,
    /** The agent reported failure, could not be run, or its answer contradicts the request. */
    FAILED,
    /** No answer within the timeout; the agent was killed. A timeout is never a success. */
    TIMEOUT
}
