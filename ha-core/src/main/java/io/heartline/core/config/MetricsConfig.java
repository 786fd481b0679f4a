package io.heartline.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where the daemon serves its Prometheus metrics ({@code GET /metrics}), or nothing at all.
 * On by default on the loopback address, so a local Prometheus or node exporter proxy can
 * scrape it without the endpoint being reachable from the network; {@code metrics = off}
 * turns it off.
 *
 * @param listen the address and port to bind, or null when metrics are off
 */
public record MetricsConfig(InetSocketAddress listen) {
    /** The default port: near the other Heartline ports, free in Prometheus' port list. */
    public static final int DEFAULT_PORT = 9670;
    public static final MetricsConfig OFF = new MetricsConfig(null);
    public static final MetricsConfig DEFAULT =
            new MetricsConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT));

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
