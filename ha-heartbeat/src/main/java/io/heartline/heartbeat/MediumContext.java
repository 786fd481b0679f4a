package io.heartline.heartbeat;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.core.config.NodeConfig;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every medium needs to judge beacons: who this node is, which nodes may speak, and the key
 * that authenticates them.
 *
 * @param self  this node: beacons claiming to be from it are dropped ({@code SELF})
 * @param nodes the configured node set (usually including {@code self}); others are {@code UNKNOWN_NODE}
 * @param key   the cluster's shared HMAC key
 */
public record MediumContext(NodeId self, Set<NodeId> nodes, AuthKey key) {

    public MediumContext {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(key, "key");
        nodes = Set.copyOf(nodes);
    }

    /** The context for {@code self} in a cluster of {@code nodes} (as configured). */
    public static MediumContext of(NodeId self, Collection<NodeConfig> nodes, AuthKey key) {
        return new MediumContext(self, nodes.stream().map(NodeConfig::id).collect(Collectors.toSet()), key);
    }

    public boolean knows(NodeId node) {
        return nodes.contains(node);
    }
}
