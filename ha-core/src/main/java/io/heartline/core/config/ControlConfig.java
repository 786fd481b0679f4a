package io.heartline.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Limits of the control socket ({@code control-socket}, where {@code hactl} talks to the daemon),
 * so that a stuck or hostile client cannot tie the daemon up.
 *
 * @param maxConnections  clients served at once; more are refused, 1..4096
 * @param idleTimeout     a client that sends nothing for this long is disconnected, 100ms..10min
 * @param maxRequestBytes longest request line, 1KiB..1MiB; a longer one is refused and the client disconnected
 * @param adminGroup      the Unix group whose members may use the socket besides root (commands that
 *                        change state need it; when the system has no such group, root only)
 */
public record ControlConfig(int maxConnections, Duration idleTimeout, int maxRequestBytes, String adminGroup) {
    public static final int MIN_CONNECTIONS = 1;
    public static final int MAX_CONNECTIONS = 4096;
    public static final Duration MIN_IDLE = Duration.ofMillis(100);
    public static final Duration MAX_IDLE = Duration.ofMinutes(10);
    public static final int MIN_REQUEST_BYTES = 1024;
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** A Unix group name as useradd(8) takes it (at most 32 characters). */
    public static final Pattern GROUP = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    public static final ControlConfig DEFAULT = new ControlConfig(64, Duration.ofSeconds(5), 64 * 1024, "heartline-admin");

    public ControlConfig {
        if (maxConnections < MIN_CONNECTIONS || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("control max-connections " + maxConnections + " is out of range "
                    + MIN_CONNECTIONS + ".." + MAX_CONNECTIONS);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(MIN_IDLE) < 0 || idleTimeout.compareTo(MAX_IDLE) > 0) {
            throw new IllegalArgumentException("control idle-timeout " + idleTimeout + " is out of range 100ms..10m");
        }
        if (maxRequestBytes < MIN_REQUEST_BYTES || maxRequestBytes > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("control max-request " + maxRequestBytes + " is out of range "
                    + MIN_REQUEST_BYTES + ".." + MAX_REQUEST_BYTES + " bytes");
        }
        Objects.requireNonNull(adminGroup, "adminGroup");
        if (!GROUP.matcher(adminGroup).matches()) {
            throw new IllegalArgumentException("control admin-group '" + adminGroup + "' is not a group name");
        }
    }
}
