package io.heartline.daemon.control;

import java.time.Duration;

/**
 * The control socket's bounds and its admin group, as {@code control { ... }} in the config will set
 * them (the lifecycle maps {@code HeartlineConfig.control()} onto this; {@link #DEFAULTS} until then).
 *
 * @param maxConnections   connections open at once; one more gets a "busy" line and is closed
 * @param idleTimeout      how long a client may take to send its request, and to read its answer
 * @param maxRequestBytes  the longest request line, without its newline
 * @param adminGroup       the group whose members, besides root, may send requests that change the cluster
 */
public record ControlSettings(int maxConnections, Duration idleTimeout, int maxRequestBytes, String adminGroup) {
    public static final ControlSettings DEFAULTS = new ControlSettings(64, Duration.ofSeconds(5), 64 * 1024,
            "heartline-admin");

    /** A connection's buffer starts this small and grows, up to {@link #maxRequestBytes}, only for long requests. */
    static final int INITIAL_BUFFER = 512;

    public ControlSettings {
        if (maxConnections < 1 || idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()
                || maxRequestBytes < 64 || adminGroup == null || adminGroup.isBlank()) {
            throw new IllegalArgumentException("control settings: max-connections >= 1, idle-timeout > 0,"
                    + " max-request-bytes >= 64 and an admin group, not " + maxConnections + ", " + idleTimeout + ", "
                    + maxRequestBytes + ", '" + adminGroup + "'");
        }
    }
}
