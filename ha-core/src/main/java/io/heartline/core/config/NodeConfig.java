package io.heartline.core.config;

import io.heartline.core.NodeId;
import java.net.InetAddress;

/** One cluster node: its name, its address on the heartbeat network, and its priority (higher is preferred). */
public record NodeConfig(NodeId id, InetAddress address, int priority) {
}
