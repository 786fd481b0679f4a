package io.heartline.daemon.detect;

import io.heartline.core.NodeId;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.NodeConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the detector asks about each peer, computed once at start from the config and this host's
 * addresses. The node check goes out on every Ethernet interface with an address on the subnet of
 * the peer's node address (so on each multicast medium's interface that is on that link too), from
 * that address; a serial medium, or a link without our address on it, gives none. The daemon check
 * goes to the peer's node address at {@code timing.probe-port}.
 */
record ProbeRoutes(Map<NodeId, Route> byPeer) {

    /** One interface to ask a peer's kernel on, and our own address there (the ARP/NS sender). */
    record NodeCheckRoute(String iface, InetAddress peer, InetAddress self) {
        @Override
        public String toString() {
            return iface + " (" + self.getHostAddress() + " -> " + peer.getHostAddress() + ")";
        }
    }

    /** Everything to ask about one peer. */
    record Route(NodeId peer, List<NodeCheckRoute> nodeChecks, InetSocketAddress daemon) {
        Route {
            nodeChecks = List.copyOf(nodeChecks);
        }

        @Override
        public String toString() {
            return peer.name() + ": node check " + (nodeChecks.isEmpty() ? "on no interface (none has an address on "
                    + daemon.getAddress().getHostAddress() + "'s subnet)" : "on " + nodeChecks)
                    + ", daemon check " + daemon.getAddress().getHostAddress() + ":" + daemon.getPort();
        }
    }

    ProbeRoutes {
        byPeer = Map.copyOf(byPeer);
    }

    static ProbeRoutes of(HeartlineConfig config, List<LocalAddress> local) {
        Map<NodeId, Route> routes = new LinkedHashMap<>();
        int port = config.timing().probePort();
        for (NodeConfig peer : config.peers()) {
            routes.put(peer.id(), new Route(peer.id(), nodeChecks(peer.address(), local),
                    new InetSocketAddress(peer.address(), port)));
        }
        return new ProbeRoutes(routes);
    }

    private static List<NodeCheckRoute> nodeChecks(InetAddress peer, List<LocalAddress> local) {
        Map<String, NodeCheckRoute> byIface = new LinkedHashMap<>();
        local.stream().filter(a -> a.ethernet() && a.sameSubnet(peer) && !a.address().equals(peer))
                .sorted(Comparator.comparing(LocalAddress::iface))
                .forEach(a -> byIface.putIfAbsent(a.iface(), new NodeCheckRoute(a.iface(), peer, a.address())));
        return new ArrayList<>(byIface.values());
    }

    Route route(NodeId peer) {
        return byPeer.get(peer);
    }

    /** Every interface some node check goes out on (each gets its own probing thread). */
    Set<String> interfaces() {
        Set<String> out = new LinkedHashSet<>();
        byPeer.values().forEach(r -> r.nodeChecks().forEach(c -> out.add(c.iface())));
        return out;
    }
}
