package io.heartline.resources;

import java.util.Locale;

/**
 * What a start-up probe (one monitor call, Pacemaker's probe) found: a resource {@link #RUNNING},
 * {@link #NOT_RUNNING}, or {@link #UNKNOWN} (the monitor timed out or failed: it may run, in part).
 */
public enum ProbeResult {
    RUNNING, NOT_RUNNING, UNKNOWN;

    /**
     * SUCCESS (and RUNNING_PROMOTED) is running, NOT_RUNNING is not; so is ERR_INSTALLED, as in
     * Pacemaker: an agent whose software is not installed on this node cannot have started
     * anything here. Everything else, a timeout first of all, is unknown.
     */
    public static ProbeResult of(OperationResult monitor) {
        if (monitor.timedOut()) {
            return UNKNOWN;
        }
        return switch (monitor.status()) {
            case SUCCESS, RUNNING_PROMOTED -> RUNNING;
            case NOT_RUNNING, ERR_INSTALLED -> NOT_RUNNING;
            default -> UNKNOWN;
        };
    }

    /** Its name in the journal and the metric's {@code result} label: {@code running}, {@code not-running}, {@code unknown}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
