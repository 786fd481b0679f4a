package io.heartline.daemon;

import io.heartline.core.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Beacon loss per peer and medium, for {@code hactl status}: a peer's sequence numbers are shared
 * by all its media, so the beacons a medium missed out of the last {@link #WINDOW} are its loss.
 * Informational only (the decider decides liveness from silence, not from this).
 */
final class LinkQuality {
    static final int WINDOW = 100;

    /** Seen sequence numbers of one peer on one medium, as a ring of the last WINDOW. */
    private static final class Track {
        long highest = -1;
        long firstSeen = -1;
        final long[] seen = new long[WINDOW];
        int count;
    }

    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<NodeId, Long> highestOfPeer = new HashMap<>();
    private final Map<NodeId, Long> incarnations = new HashMap<>();

    synchronized void beacon(NodeId peer, long incarnation, String medium, long seq) {
        Long known = incarnations.put(peer, incarnation);
        if (known != null && known != incarnation) { // restarted: its sequence numbers start again
            tracks.keySet().removeIf(k -> k.startsWith(peer.name() + "/"));
            highestOfPeer.remove(peer);
        }
        Track t = tracks.computeIfAbsent(peer.name() + "/" + medium, k -> new Track());
        if (t.firstSeen < 0 || seq < t.firstSeen - WINDOW) {
            t.firstSeen = seq;
            t.count = 0;
        }
        t.seen[(int) (seq % WINDOW)] = seq;
        t.count++;
        t.highest = Math.max(t.highest, seq);
        highestOfPeer.merge(peer, seq, Math::max);
    }

    /** Percent of the peer's last beacons (up to WINDOW) that did not arrive on this medium; null if unknown. */
    synchronized Integer lossPercent(NodeId peer, String medium) {
        Long top = highestOfPeer.get(peer);
        Track t = tracks.get(peer.name() + "/" + medium);
        if (top == null) {
            return null;
        }
        if (t == null) {
            return 100;
        }
        long from = Math.max(t.firstSeen, top - WINDOW + 1);
        long expected = top - from + 1;
        if (expected <= 0) {
            return 0;
        }
        long got = 0;
        for (long s : t.seen) {
            if (s >= from && s <= top) {
                got++;
            }
        }
        return (int) Math.round(100.0 * (expected - got) / expected);
    }
}
