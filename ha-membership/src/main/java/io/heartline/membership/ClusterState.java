package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the decider knows, immutable. The event loop holds the current one and replaces it
 * with each {@link Decider.Result}.
 *
 * @param lastTick      monotonic ns of the last tick (pause detection)
 * @param localMediaDown this node's own media that are down (no carrier, serial device gone), with why
 * @param fencing       peers being fenced, fenced, or whose fencing failed
 * @param partitioned   peers declared dead while one of our own media was down: perhaps alive, apart
 * @param shuttingDown  a shutdown was asked for
 * @param shutdownDone  {@link Action.ShutdownComplete} was emitted
 * @param standby       the operator put this node in standby: it refuses every group
 * @param maintenance   the operator put this node in maintenance: it manages nothing
 * @param quorate       false once the loss of quorum was journaled (3+ nodes), until it is back
 * @param quorumSince   monotonic ns when quorum last came back after a journaled loss (3+ nodes);
 *                      {@link Long#MIN_VALUE} if it was never lost: with fencing off no group is
 *                      claimed within twice the deadtime of it, so every reachable peer is heard first
 * @param listeningSince monotonic ns since when every medium can hear ({@link Event.MediaOpen}):
 *                      initdead counts from here; {@link Long#MIN_VALUE} while the media are opening
 * @param rejoinedAt    monotonic ns when this node's media came back after it was cut off
 *                      ({@link Isolation}); {@link Long#MIN_VALUE} if it never was
 * @param claimHoldUntil monotonic ns before which this node claims nothing: a claim could not write
 *                      its epoch (disk full, read-only); {@link Long#MIN_VALUE} when none
 * @param groupLinksDown groups with a VIP on an interface that is down here, with why ({@link InterfaceTracking})
 * @param tiebreak      what the ping nodes and the witness said ({@link Tiebreak}, {@link Witnessing})
 */
public record ClusterState(NodeId self, long startedAt, long lastTick, Map<NodeId, PeerState> peers,
                           Map<String, GroupView> groups, List<PendingCommand> pending,
                           Map<String, String> localMediaDown, Set<NodeId> partitioned, Map<NodeId, FenceState> fencing,
                           boolean shuttingDown, boolean shutdownDone, boolean standby, boolean maintenance,
                           boolean quorate, long quorumSince, long listeningSince, long rejoinedAt,
                           long claimHoldUntil, Map<String, String> groupLinksDown, TiebreakState tiebreak) {
    public ClusterState {
        peers = java.util.Collections.unmodifiableMap(new TreeMap<>(peers));
        groups = java.util.Collections.unmodifiableMap(new TreeMap<>(groups));
        pending = List.copyOf(pending);
        localMediaDown = java.util.Collections.unmodifiableMap(new TreeMap<>(localMediaDown));
        partitioned = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(partitioned));
        fencing = java.util.Collections.unmodifiableMap(new TreeMap<>(fencing));
        groupLinksDown = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLinksDown));
    }

    /**
     * This state with the media not open yet: INIT then ends only once every peer has been heard,
     * or initdead after {@link Event.MediaOpen}. The daemon starts so; tests start listening.
     */
    public ClusterState mediaOpening() {
        return new ClusterState(self, startedAt, lastTick, peers, groups, pending, localMediaDown, partitioned, fencing,
                shuttingDown, shutdownDone, standby, maintenance, quorate, quorumSince, Long.MIN_VALUE, rejoinedAt, claimHoldUntil,
                groupLinksDown, tiebreak);
    }

    /**
     * Degraded: a live peer is silent on some medium, or one of this node's own media is down.
     * Heartbeats still flow, so nothing fails over, but one more fault would be a partition.
     */
    public boolean degraded() {
        return !localMediaDown.isEmpty() || peers.values().stream().anyMatch(p -> p.alive() && !p.linksDown().isEmpty());
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

    /**
     * Whom this node says it hears in its beacons (MUTUAL_QUORUM, CLAIM_AGREED): the peers it does
     * not hold dead. That is the live ones, and, in this node's first {@code deadNanos} since it
     * started, the ones it has not heard yet: a quick restart does not take a running owner's quorum
     * away, and a peer it never heard after that is, for its peers' rules, dead to it.
     */
    public Set<NodeId> heard(long deadNanos) {
        boolean starting = lastTick == Long.MIN_VALUE || lastTick - startedAt < deadNanos;
        Set<NodeId> heard = new java.util.TreeSet<>();
        peers.values().stream().filter(p -> p.alive() || starting && p.lastHeard() == PeerState.NEVER)
                .forEach(p -> heard.add(p.id()));
        return heard;
    }

    /** The handoffs this node asks peers for in its beacons. */
    public List<HandoffRequest> requests() {
        if (pending.isEmpty()) {
            return List.of();
        }
        return pending.stream().filter(PendingCommand::viaPeer)
                .map(p -> new HandoffRequest(p.group(), p.fromEpoch(), p.target())).toList();
    }

    public Map<String, Ownership> terms() {
        Map<String, Ownership> m = new TreeMap<>();
        groups.forEach((k, v) -> m.put(k, v.term()));
        return m;
    }
}
