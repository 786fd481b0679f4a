package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this node knows of one peer: whether it is alive, when a valid beacon last came on each
 * medium, and what its last beacon said.
 *
 * @param lastHeard   monotonic ns of the last valid beacon on any medium; {@link #NEVER} if none
 * @param lastByMedium monotonic ns of the last valid beacon per medium
 * @param late         a late-beacon warning was recorded for the current silence
 */
public record PeerState(NodeId id, boolean alive, long lastHeard, Map<String, Long> lastByMedium,
                        long incarnation, Map<String, GroupAdvert> adverts, List<HandoffRequest> requests,
                        boolean late) {
    public static final long NEVER = Long.MIN_VALUE;

    public PeerState {
        lastByMedium = Map.copyOf(lastByMedium);
        adverts = Map.copyOf(adverts);
        requests = List.copyOf(requests);
    }

    public static PeerState unknown(NodeId id) {
        return new PeerState(id, false, NEVER, Map.of(), 0, Map.of(), List.of(), false);
    }

    public PeerState heard(long at, String medium, long incarnation, List<GroupAdvert> adverts,
                           List<HandoffRequest> requests) {
        Map<String, Long> media = new TreeMap<>(lastByMedium);
        media.put(medium, at);
        Map<String, GroupAdvert> byGroup = new TreeMap<>();
        adverts.forEach(a -> byGroup.put(a.group(), a));
        return new PeerState(id, true, at, media, incarnation, byGroup, requests, false);
    }

    public PeerState dead() {
        return new PeerState(id, false, lastHeard, lastByMedium, incarnation, adverts, requests, false);
    }

    public PeerState warnedLate() {
        return new PeerState(id, alive, lastHeard, lastByMedium, incarnation, adverts, requests, true);
    }

    /** Moves every "last heard" forward by {@code nanos}: after this node was paused, silence it could not hear is not held against peers. */
    public PeerState shifted(long nanos) {
        if (lastHeard == NEVER) {
            return this;
        }
        Map<String, Long> media = new TreeMap<>();
        lastByMedium.forEach((m, t) -> media.put(m, t + nanos));
        return new PeerState(id, alive, lastHeard + nanos, media, incarnation, adverts, requests, late);
    }

    public GroupAdvert advert(String group) {
        return adverts.get(group);
    }
}
