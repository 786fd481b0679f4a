package io.heartline.core.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Parses {@code ping-nodes = [ 10.0.0.1, "2001:db8::1" ]} and {@code ping-interval = 100ms}: both
 * optional ({@link PingConfig#NONE}). A ping node is outside the cluster: not a node's address,
 * not loopback, multicast or the wildcard (each would answer, or never answer, whatever the
 * network does). With ping nodes, a round comes at least twice per {@code deadtime}, or one lost
 * echo would release every group.
 */
final class PingSection {
    private PingSection() {
    }

    static PingConfig parse(ConfigReader r, TimingConfig timing, List<NodeConfig> nodes) {
        List<InetAddress> addresses = r.has("ping-nodes") ? r.addresses("ping-nodes") : List.of();
        Duration interval = r.has("ping-interval")
                ? r.duration("ping-interval", PingConfig.MIN_INTERVAL, PingConfig.MAX_INTERVAL)
                : PingConfig.DEFAULT_INTERVAL;
        boolean ok = true;
        for (InetAddress a : addresses) {
            String bad = a.isLoopbackAddress() ? "a loopback address: it always answers"
                    : a.isMulticastAddress() ? "a multicast address"
                    : a.isAnyLocalAddress() ? "the wildcard address"
                    : nodes.stream().filter(n -> n.address().equals(a)).findFirst()
                            .map(n -> "node " + n.id().name() + "'s address: a ping node is outside the cluster")
                            .orElse(null);
            if (bad != null) {
                r.problem("ping-nodes", a.getHostAddress() + " is " + bad + " (a gateway or router every node should reach)");
                ok = false;
            }
        }
        if (addresses.size() > PingConfig.MAX_NODES) {
            r.problem("ping-nodes", addresses.size() + " ping nodes: at most " + PingConfig.MAX_NODES
                    + " (one answer from any of them is enough)");
            ok = false;
        }
        if (interval != null && timing != null && !addresses.isEmpty()
                && interval.multipliedBy(2).compareTo(timing.deadtime()) > 0) {
            r.problem("ping-interval", ConfigReader.format(interval) + " is more than half of deadtime ("
                    + ConfigReader.format(timing.deadtime()) + "): one lost echo would release every group; "
                    + "lower ping-interval or raise deadtime");
            ok = false;
        }
        return ok && interval != null ? new PingConfig(addresses, interval) : null;
    }
}
