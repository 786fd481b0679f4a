package io.heartline.daemon.media;

import io.heartline.core.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Beacon loss per peer and medium, for {@code hactl status}: a peer's sequence numbers are shared
 * by all its media, so the beacons a medium missed out of the last {@link #WINDOW} are its loss.
 * Informational only (the decider decides liveness from silence, not from this).
 */
public final class LinkQuality {
    static final int WINDOW = 100;

    /** Seen sequence numbers of one peer on one medium, as a ring of the last WINDOW. */
    private static final class Track {
        long highest = -1;
        long firstSeen = -1;
        final long[] seen = new long[WINDOW];
        int count;
    }

    /** One peer's incarnation, highest sequence number, and a track per medium. */
    private static final class Peer {
        long incarnation;
        long highest = -1;
        final Map<String, Track> media = new HashMap<>();
    }

    private final Map<NodeId, Peer> peers = new HashMap<>();

    /** Called for every beacon: no allocation once the peer and medium are known. */
    synchronized void beacon(NodeId peer, long incarnation, String medium, long seq) {
        Peer p = peers.computeIfAbsent(peer, k -> new Peer());
        if (p.incarnation != incarnation) { // restarted (or first heard): its sequence numbers start again
            p.incarnation = incarnation;
            p.media.clear();
            p.highest = -1;
        }
        Track t = p.media.get(medium);
        if (t == null) {
            t = new Track();
            p.media.put(medium, t);
        }
        if (t.firstSeen < 0 || seq < t.firstSeen - WINDOW) {
            t.firstSeen = seq;
            t.count = 0;
        }
        t.seen[(int) (seq % WINDOW)] = seq;
        t.count++;
        t.highest = Math.max(t.highest, seq);
        p.highest = Math.max(p.highest, seq);
    }

    /** Percent of the peer's last beacons (up to WINDOW) that did not arrive on this medium; null if unknown. */
    public synchronized Integer lossPercent(NodeId peer, String medium) {
        Peer p = peers.get(peer);
        if (p == null || p.highest < 0) {
            return null;
        }
        long top = p.highest;
        Track t = p.media.get(medium);
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
