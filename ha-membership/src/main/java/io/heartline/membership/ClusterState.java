package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the decider knows, immutable. The event loop holds the current one and replaces it
 * with each {@link Decider.Result}.
 *
 * @param lastTick      monotonic ns of the last tick (pause detection)
 * @param shuttingDown  a shutdown was asked for
 * @param shutdownDone  {@link Action.ShutdownComplete} was emitted
 */
public record ClusterState(NodeId self, long startedAt, long lastTick, Map<NodeId, PeerState> peers,
                           Map<String, GroupView> groups, List<PendingCommand> pending,
                           boolean shuttingDown, boolean shutdownDone) {
    public ClusterState {
        peers = java.util.Collections.unmodifiableMap(new TreeMap<>(peers));
        groups = java.util.Collections.unmodifiableMap(new TreeMap<>(groups));
        pending = List.copyOf(pending);
    }

    public GroupView group(String name) {
        return groups.get(name);
    }

    /** What this node says about each group in its beacons. */
    public List<GroupAdvert> adverts() {
        return groups.values().stream()
                .map(g -> new GroupAdvert(g.name(), g.term().epoch(), g.term().owner(), g.state()))
                .toList();
    }

    /** The handoffs this node asks peers for in its beacons. */
    public List<HandoffRequest> requests() {
        return pending.stream().filter(PendingCommand::viaPeer)
                .map(p -> new HandoffRequest(p.group(), p.fromEpoch(), p.target())).toList();
    }

    public Map<String, Ownership> terms() {
        Map<String, Ownership> m = new TreeMap<>();
        groups.forEach((k, v) -> m.put(k, v.term()));
        return m;
    }
}
