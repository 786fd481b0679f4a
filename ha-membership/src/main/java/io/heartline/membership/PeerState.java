package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this node knows of one peer: whether it is alive, when a valid beacon last came on each
 * medium, and what its last beacon said.
 *
 * @param lastHeard   monotonic ns of the last valid beacon on any medium; {@link #NEVER} if none
 * @param aliveSince   monotonic ns since when the peer is alive (heard after being dead or unknown)
 * @param lastByMedium monotonic ns of the last valid beacon per medium
 * @param linksDown    media on which the peer, though alive, has been silent for deadtime (degraded)
 * @param late         a late-beacon warning was recorded for the current silence
 */
public record PeerState(NodeId id, boolean alive, long aliveSince, long lastHeard, Map<String, Long> lastByMedium,
                        Set<String> linksDown, long incarnation, Map<String, GroupAdvert> adverts,
                        List<HandoffRequest> requests, boolean late) {
    public static final long NEVER = Long.MIN_VALUE;

    public PeerState {
        lastByMedium = Map.copyOf(lastByMedium);
        linksDown = Set.copyOf(linksDown);
        adverts = Map.copyOf(adverts);
        requests = List.copyOf(requests);
    }

    public static PeerState unknown(NodeId id) {
        return new PeerState(id, false, NEVER, NEVER, Map.of(), Set.of(), 0, Map.of(), List.of(), false);
    }

    public PeerState heard(long at, String medium, long incarnation, List<GroupAdvert> adverts,
                           List<HandoffRequest> requests) {
        Map<String, Long> media = new TreeMap<>(lastByMedium);
        media.put(medium, at);
        Map<String, GroupAdvert> byGroup = new TreeMap<>();
        adverts.forEach(a -> byGroup.put(a.group(), a));
        Set<String> down = new TreeSet<>(linksDown);
        down.remove(medium);
        return new PeerState(id, true, alive ? aliveSince : at, at, media, down, incarnation, byGroup, requests, false);
    }

    public PeerState dead() {
        return new PeerState(id, false, aliveSince, lastHeard, lastByMedium, Set.of(), incarnation, adverts, requests, false);
    }

    public PeerState warnedLate() {
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, linksDown, incarnation, adverts, requests, true);
    }

    public PeerState withLinkDown(String medium) {
        Set<String> down = new TreeSet<>(linksDown);
        down.add(medium);
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, down, incarnation, adverts, requests, late);
    }

    /** Moves every "last heard" forward by {@code nanos}: after this node was paused, silence it could not hear is not held against peers. */
    public PeerState shifted(long nanos) {
        if (lastHeard == NEVER) {
            return this;
        }
        Map<String, Long> media = new TreeMap<>();
        lastByMedium.forEach((m, t) -> media.put(m, t + nanos));
        return new PeerState(id, alive, aliveSince == NEVER ? NEVER : aliveSince + nanos, lastHeard + nanos, media,
                linksDown, incarnation, adverts, requests, late);
    }

    public GroupAdvert advert(String group) {
        return adverts.get(group);
    }
}
