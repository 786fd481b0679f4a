package io.heartline.core.config;

import java.net.InetAddress;

/**
 * JGroups over UDP multicast: the default medium. {@code bindAddress} is this node's address on
 * {@code iface} (from the nodes list unless given).
 */
public record MulticastConfig(String name, String iface, InetAddress group, int port, InetAddress bindAddress)
        implements MediumConfig {
}
