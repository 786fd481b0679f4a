package io.heartline.cluster;

import java.util.List;

/**
 * One host of a lab: a namespace with one interface per network it joins, all with the
 * same last octet ({@code node-a} .1, {@code node-b} .2, …, clients from .100).
 *
 * @param name      the test's name for it, e.g. {@code node-a}
 * @param namespace the namespace, {@code PREFIX + name}
 * @param octet     the last octet of its address on every network
 * @param node      true for cluster nodes, false for clients
 * @param networks  the networks it joins, in the order the lab declared them
 */
public record LabHost(String name, String namespace, int octet, boolean node, List<Network> networks) {
    public LabHost {
        networks = List.copyOf(networks);
    }

    /** The network whose interface is {@code iface}; throws if the host has none. */
    public Network network(String iface) {
        return networks.stream().filter(n -> n.iface().equals(iface)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no interface " + iface
                        + " (has " + networks.stream().map(Network::iface).toList() + ")"));
    }

    /** The switch-side end of this host's cable on {@code network} (a name in the switch namespace). */
    public String switchPort(Network network) {
        String port = name + "-" + network.iface();
        return port.length() <= 15 ? port : "h" + octet + "-" + network.iface();
    }

    /** The fixed MAC of this host's interface on network number {@code networkIndex}: 02:68:6c:NN:00:OCTET. */
    String mac(int networkIndex) {
        return String.format("02:68:6c:%02x:00:%02x", networkIndex, octet);
    }
}
