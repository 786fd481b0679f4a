package io.heartline.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

/**
 * Parses {@code metrics { listen = "127.0.0.1:9670", max-connections = 16, timeout = 5s }} or
 * {@code metrics = off}. Absent (the section or a key) means {@link MetricsConfig#DEFAULT}'s value. The address is an IP literal (no DNS at start-up, like every
 * address in the config); IPv6 is written in brackets, {@code "[::1]:9670"}.
 */
final class MetricsSection {
    private MetricsSection() {
    }

    static MetricsConfig parse(ConfigReader r) {
        if (!r.has("metrics")) {
            return MetricsConfig.DEFAULT;
        }
        if (r.isString("metrics")) {
            String s = r.string("metrics");
            if ("off".equals(s)) {
                return MetricsConfig.OFF;
            }
            r.problem("metrics", "'" + s + "' must be 'off' or an object { listen = \"127.0.0.1:9670\" }");
            return null;
        }
        ConfigReader m = r.object("metrics");
        if (m == null) {
            return null;
        }
        m.onlyKeys(Set.of("listen", "max-connections", "timeout"));
        MetricsConfig d = MetricsConfig.DEFAULT;
        InetSocketAddress address = d.listen();
        if (m.has("listen")) {
            String listen = m.string("listen");
            address = listen == null ? null : address(m, listen);
        }
        Integer connections = m.has("max-connections")
                ? m.integer("max-connections", MetricsConfig.MIN_CONNECTIONS, MetricsConfig.MAX_CONNECTIONS)
                : Integer.valueOf(d.maxConnections());
        Duration timeout = m.has("timeout") ? m.duration("timeout", MetricsConfig.MIN_TIMEOUT, MetricsConfig.MAX_TIMEOUT)
                : d.timeout();
        if (address == null || connections == null || timeout == null) {
            return null;
        }
        return new MetricsConfig(address, connections, timeout);
    }

    private static InetSocketAddress address(ConfigReader m, String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            m.problem("listen", "'" + listen + "' must be ADDRESS:PORT, e.g. 127.0.0.1:9670 or [::1]:9670");
            return null;
        }
        String host = listen.substring(0, colon);
        String portText = listen.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            m.problem("listen", "'" + listen + "': write an IPv6 address in brackets, e.g. [::1]:9670");
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            m.problem("listen", "'" + listen + "' has a bad port '" + portText + "' (1..65535)");
            return null;
        }
        if (port < 1 || port > 65535) {
            m.problem("listen", "'" + listen + "' has a bad port " + port + " (1..65535)");
            return null;
        }
        InetAddress address = m.parseAddress("listen", host);
        return address == null ? null : new InetSocketAddress(address, port);
    }
}
