package io.heartline.core.config;

import java.net.InetAddress;

/**
 * JGroups over TCP unicast to every node's address ({@code TCPPING}): for networks that do not
 * carry multicast.
 */
public record UnicastConfig(String name, int port, InetAddress bindAddress) implements MediumConfig {
}
