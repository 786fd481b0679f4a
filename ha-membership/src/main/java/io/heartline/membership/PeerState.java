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
 * medium, and what its newest beacon said.
 *
 * @param lastHeard    monotonic ns of the last valid beacon on any medium; {@link #NEVER} if none
 * @param aliveSince   monotonic ns since when the peer is alive (heard after being dead or unknown)
 * @param lastByMedium monotonic ns of the last valid beacon per medium
 * @param linksDown    media on which the peer, though alive, has been silent for deadtime (degraded)
 * @param seq          the beacon number (within {@code incarnation}) whose adverts and requests we hold
 * @param fresh        beacons with news (newer than the one held) since this node's candidacy last
 *                     started or the peer came alive, counted up to {@link #FRESH}
 * @param late         a late-beacon warning was recorded for the current silence
 * @param heard        the peers its newest beacon (the one whose adverts we hold) says it holds alive;
 *                     null when it does not say (a daemon from before heard sets)
 * @param vouchedAt    monotonic ns of the last beacon with news from another peer that listed this one
 *                     as heard; {@link #NEVER} if none
 */
public record PeerState(NodeId id, boolean alive, long aliveSince, long lastHeard, Map<String, Long> lastByMedium,
                        Set<String> linksDown, long incarnation, long seq, Map<String, GroupAdvert> adverts,
                        List<HandoffRequest> requests, int fresh, boolean late, Set<NodeId> heard, long vouchedAt,
                        Suspicion suspicion) {
    public static final long NEVER = Long.MIN_VALUE;

    /**
     * Beacons with news needed before this node acts on a peer's adverts when its own view is new
     * (start, online, cleanup, the peer just came alive): the first may have been sent before the
     * peer changed its mind (reordered or long in flight), the second was sent after that first one.
     */
    public static final int FRESH = 2;

    public PeerState {
        lastByMedium = Map.copyOf(lastByMedium);
        linksDown = Set.copyOf(linksDown);
        adverts = Map.copyOf(adverts);
        requests = List.copyOf(requests);
        heard = heard == null ? null : Set.copyOf(heard);
    }

    public static PeerState unknown(NodeId id) {
        return new PeerState(id, false, NEVER, NEVER, Map.of(), Set.of(), 0, 0, Map.of(), List.of(), 0, false, null, NEVER,
                null);
    }

    /**
     * Whether a beacon is news: a newer incarnation (the peer restarted), or a higher number within
     * the incarnation than the one whose adverts we hold. Anything else was overtaken in flight.
     */
    public boolean isNews(long incarnation, long seq) {
        return lastHeard == NEVER || incarnation > this.incarnation || incarnation == this.incarnation && seq > this.seq;
    }

    /**
     * A valid beacon came: the peer is alive and heard on {@code medium}. Its adverts and requests
     * replace ours only when it is news ({@link #isNews}); an overtaken beacon proves life only.
     */
    public PeerState heard(long at, String medium, long incarnation, long seq, List<GroupAdvert> adverts,
                           List<HandoffRequest> requests, Set<NodeId> heard) {
        Map<String, Long> media = new TreeMap<>(lastByMedium);
        media.put(medium, at);
        Set<String> down = new TreeSet<>(linksDown);
        down.remove(medium);
        if (!isNews(incarnation, seq)) {
            return new PeerState(id, true, alive ? aliveSince : at, at, media, down, this.incarnation, this.seq,
                    this.adverts, this.requests, alive ? fresh : 0, false, this.heard, vouchedAt, null);
        }
        Map<String, GroupAdvert> byGroup = new TreeMap<>();
        adverts.forEach(a -> byGroup.put(a.group(), a));
        int counted = alive && incarnation == this.incarnation ? Math.min(FRESH, fresh + 1) : 1;
        return new PeerState(id, true, alive ? aliveSince : at, at, media, down, incarnation, seq, byGroup, requests,
                counted, false, heard, vouchedAt, null);
    }

    /**
     * MUTUAL_QUORUM: counts towards {@code self}'s quorum: alive here, and its newest beacon lists
     * {@code self} as heard (or does not say: a daemon from before heard sets counts as before).
     */
    public boolean hears(NodeId self) {
        return alive && (heard == null || heard.contains(self));
    }

    /** Its newest beacon lists {@code node} as heard (never when it does not say). */
    public boolean lists(NodeId node) {
        return heard != null && heard.contains(node);
    }

    /** Another peer's beacon with news listed this one as heard at {@code at} (CLAIM_AGREED). */
    public PeerState vouched(long at) {
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, linksDown, incarnation, seq, adverts,
                requests, fresh, late, heard, at, suspicion);
    }

    /** Whether this node has heard enough news from the peer to act on what it says ({@link #FRESH}). */
    public boolean freshlyHeard() {
        return alive && fresh >= FRESH;
    }

    /** This node's view starts again: news must come again before it acts on the peer's adverts. */
    public PeerState unheard() {
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, linksDown, incarnation, seq, adverts,
                requests, 0, late, heard, vouchedAt, suspicion);
    }

    public PeerState dead() {
        return new PeerState(id, false, aliveSince, lastHeard, lastByMedium, Set.of(), incarnation, seq, adverts, requests,
                0, false, heard, vouchedAt, null);
    }

    public PeerState warnedLate() {
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, linksDown, incarnation, seq, adverts, requests,
                fresh, true, heard, vouchedAt, suspicion);
    }

    public PeerState withLinkDown(String medium) {
        Set<String> down = new TreeSet<>(linksDown);
        down.add(medium);
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, down, incarnation, seq, adverts, requests,
                fresh, late, heard, vouchedAt, suspicion);
    }

    /** The detector's state changes ({@link Detection}); null: not suspect. */
    public PeerState withSuspicion(Suspicion next) {
        return new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, linksDown, incarnation, seq, adverts, requests,
                fresh, late, heard, vouchedAt, next);
    }

    /**
     * Moves every "last heard" (and the last vouch for it) forward by {@code nanos}: after this node
     * was paused, silence it could not hear is not held against peers, and a suspicion (with the
     * answer of its probe still to come) is dropped: it rested on that silence.
     */
    public PeerState shifted(long nanos) {
        long vouched = vouchedAt == NEVER ? NEVER : vouchedAt + nanos;
        if (lastHeard == NEVER) {
            return vouched == vouchedAt ? this : new PeerState(id, alive, aliveSince, lastHeard, lastByMedium, linksDown,
                    incarnation, seq, adverts, requests, fresh, late, heard, vouched, null);
        }
        Map<String, Long> media = new TreeMap<>();
        lastByMedium.forEach((m, t) -> media.put(m, t + nanos));
        return new PeerState(id, alive, aliveSince == NEVER ? NEVER : aliveSince + nanos, lastHeard + nanos, media,
                linksDown, incarnation, seq, adverts, requests, fresh, late, heard, vouched, null);
    }

    public GroupAdvert advert(String group) {
        return adverts.get(group);
    }
}
