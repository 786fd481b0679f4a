package io.heartline.core.config;

import java.net.InetAddress;

/**
 * Beacons as plain UDP datagrams, sent and received on one thread (no JGroups): one datagram to
 * every other node's address, or one to a multicast {@code group} joined on {@code iface}.
 *
 * @param port        the UDP port, the same on every node
 * @param group       a multicast group, or null: unicast to each configured peer at its node address
 * @param iface       the interface of the multicast group (null without a group)
 * @param bindAddress the local address to bind: for unicast this node's address unless configured;
 *                    for multicast null (the group's port on every address) unless configured
 */
public record UdpConfig(String name, int port, InetAddress group, String iface, InetAddress bindAddress)
        implements MediumConfig {

    /** True when beacons go to a multicast group rather than to each peer. */
    public boolean multicast() {
        return group != null;
    }
}
