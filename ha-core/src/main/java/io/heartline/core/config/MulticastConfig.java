package io.heartline.core.config;

import java.net.InetAddress;

/**
 * JGroups over UDP multicast: the default medium. {@code bindAddress} is null unless configured:
 * the daemon then binds to the address {@code iface} has, so one config file serves every node
 * even when heartbeats run on their own network.
 */
public record MulticastConfig(String name, String iface, InetAddress group, int port, InetAddress bindAddress)
        implements MediumConfig {
}
