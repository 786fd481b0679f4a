package io.heartline.resources.lvs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one real server is checked: the kind of check and its parameters, how often
 * ({@code interval}), how long one check may take ({@code timeout}, at most the interval, so that
 * one check per server runs at a time), and how many results in a row change its state
 * ({@code rise} passes bring a DOWN server UP, {@code fall} failures take an UP server DOWN).
 *
 * @param port         the port to check; 0 for the real server's own (or the service's)
 * @param path         HTTP: the path to GET
 * @param expectStatus HTTP: the status that passes
 * @param expectBody   HTTP: a string the body must contain, or null
 * @param command      COMMAND: the program and its arguments (no shell)
 */
public record CheckSpec(Kind kind, int port, String path, int expectStatus, String expectBody, List<String> command,
                        Duration interval, Duration timeout, int rise, int fall) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RISE = 2;
    public static final int DEFAULT_FALL = 3;

    /** The kinds of check: keepalived's TCP_CHECK, HTTP_GET and MISC_CHECK. */
    public enum Kind {
        /** A TCP connect, closed at once. */
        TCP,
        /** An HTTP GET (no redirects) answering the expected status, and the expected text in its body. */
        HTTP,
        /** A program that exits 0 for healthy, anything else (or no exit within the timeout) for not. */
        COMMAND
    }

    public CheckSpec {
        Objects.requireNonNull(kind, "kind");
        command = List.copyOf(command);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
        if (kind == Kind.COMMAND && command.isEmpty()) {
            throw new IllegalArgumentException("a command check needs a command");
        }
        if (kind == Kind.HTTP && (path == null || !path.startsWith("/"))) {
            throw new IllegalArgumentException("an http check's path must start with '/', not '" + path + "'");
        }
        if (timeout.isNegative() || timeout.isZero() || interval.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("timeout " + timeout.toMillis() + " ms must be positive and at most the interval ("
                    + interval.toMillis() + " ms): one check per real server at a time");
        }
        if (rise < 1 || fall < 1 || rise > 100 || fall > 100) {
            throw new IllegalArgumentException("rise and fall must be 1..100, not " + rise + " and " + fall);
        }
    }

    /** A TCP connect check with the default timing. */
    public static CheckSpec tcp(int port) {
        return new CheckSpec(Kind.TCP, port, null, 200, null, List.of(), DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RISE,
                DEFAULT_FALL);
    }

    public CheckSpec withTiming(Duration newInterval, Duration newTimeout, int newRise, int newFall) {
        return new CheckSpec(kind, port, path, expectStatus, expectBody, command, newInterval, newTimeout, newRise, newFall);
    }

    /** The port this check uses on {@code server} of {@code service}. */
    public int portFor(Endpoint server, IpvsService service) {
        return port != 0 ? port : server.port() != 0 ? server.port() : service.port();
    }
}
