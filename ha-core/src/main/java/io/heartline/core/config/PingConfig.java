package io.heartline.core.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Ping nodes: addresses outside the cluster (a gateway, a router) this node sends an ICMP echo to
 * every {@code interval}. A node that has had no answer from any of them for {@code deadtime}
 * claims nothing and releases what it holds, so the side of a partition that still reaches them
 * keeps the groups. None configured: {@link #NONE}.
 *
 * @param nodes    the ping nodes' IP addresses, unique; empty when none are configured
 * @param interval time between two echo rounds, {@value #MIN_INTERVAL_MS} ms..10s
 */
public record PingConfig(List<InetAddress> nodes, Duration interval) {
    public static final long MIN_INTERVAL_MS = 10;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(MIN_INTERVAL_MS);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** More ping nodes than this is a mistake: one answer from any of them is enough. */
    public static final int MAX_NODES = 16;
    public static final PingConfig NONE = new PingConfig(List.of(), DEFAULT_INTERVAL);

    public PingConfig {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("ping-interval " + interval + " is out of range 10ms..10s");
        }
        if (nodes.size() > MAX_NODES) {
            throw new IllegalArgumentException(nodes.size() + " ping nodes, at most " + MAX_NODES);
        }
    }

    /** Whether any ping node is configured. */
    public boolean enabled() {
        return !nodes.isEmpty();
    }
}
