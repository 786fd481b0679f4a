package io.heartline.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the daemon serves its Prometheus metrics ({@code GET /metrics}), or nothing at all.
 * On by default on the loopback address, so a local Prometheus or node exporter proxy can
 * scrape it without the endpoint being reachable from the network; {@code metrics = off}
 * turns it off.
 *
 * @param listen         the address and port to bind, or null when metrics are off
 * @param maxConnections scrapes served at once; more are refused, 1..4096
 * @param timeout        a scrape must send its request and take the answer within this, 100ms..10min
 */
public record MetricsConfig(InetSocketAddress listen, int maxConnections, Duration timeout) {
    /** The default port: near the other Heartline ports, free in Prometheus' port list. */
    public static final int DEFAULT_PORT = 9670;
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int MIN_CONNECTIONS = 1;
    public static final int MAX_CONNECTIONS = 4096;
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    public static final MetricsConfig OFF = new MetricsConfig(null);
    public static final MetricsConfig DEFAULT =
            new MetricsConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT));

    public MetricsConfig {
        if (maxConnections < MIN_CONNECTIONS || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("metrics max-connections " + maxConnections + " is out of range "
                    + MIN_CONNECTIONS + ".." + MAX_CONNECTIONS);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("metrics timeout " + timeout + " is out of range 100ms..10m");
        }
    }

    /** Serves on {@code listen} (null: off) with the default limits. */
    public MetricsConfig(InetSocketAddress listen) {
        this(listen, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT);
    }

    public boolean enabled() {
        return listen != null;
    }

    /** {@code 127.0.0.1:9670} or {@code [::1]:9670}, the way it is written in the config. */
    public String listenText() {
        if (listen == null) {
            return "off";
        }
        String host = listen.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + listen.getPort();
    }
}
