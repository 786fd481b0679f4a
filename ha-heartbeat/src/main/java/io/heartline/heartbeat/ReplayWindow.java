package io.heartline.heartbeat;

import io.heartline.core.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Anti-replay per sender, as in IPsec (RFC 4303, 3.4.3): the highest incarnation seen, and within
 * it the highest sequence number with a {@value #SIZE}-entry bitmap of the ones just below it.
 * A sequence number already seen, older than the window, or from an older incarnation is refused;
 * a newer incarnation (the sender restarted) starts a fresh window.
 *
 * <p>A receiver that restarts forgets everything, so it accepts one copy of each beacon it is
 * shown again; ownership epochs, not this window, protect the cluster state from that.
 *
 * <p>Not thread-safe: one receive path owns it.
 */
public final class ReplayWindow {
    public static final int SIZE = 64;

    /** The outcome of {@link #check}. */
    public enum Verdict {
        ACCEPTED("accepted"),
        DUPLICATE("already seen"),
        TOO_OLD("older than the " + SIZE + "-beacon window"),
        OLD_INCARNATION("from an older incarnation of the sender");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        public boolean accepted() {
            return this == ACCEPTED;
        }

        public String description() {
            return description;
        }
    }

    private static final class Sender {
        long incarnation;
        long highest;
        /** Bit i set: {@code highest - i} was seen. */
        long seen;

        void restart(long incarnation, long seq) {
            this.incarnation = incarnation;
            this.highest = seq;
            this.seen = 1L;
        }
    }

    private final Map<NodeId, Sender> senders = new HashMap<>();

    /** Judges one beacon and, if it is accepted, remembers it. */
    public Verdict check(NodeId from, long incarnation, long seq) {
        Sender s = senders.get(from);
        if (s == null) {
            s = new Sender();
            s.restart(incarnation, seq);
            senders.put(from, s);
            return Verdict.ACCEPTED;
        }
        if (incarnation < s.incarnation) {
            return Verdict.OLD_INCARNATION;
        }
        if (incarnation > s.incarnation) {
            s.restart(incarnation, seq);
            return Verdict.ACCEPTED;
        }
        if (seq > s.highest) {
            long shift = seq - s.highest;
            s.seen = shift >= SIZE ? 1L : (s.seen << shift) | 1L;
            s.highest = seq;
            return Verdict.ACCEPTED;
        }
        long age = s.highest - seq;
        if (age >= SIZE) {
            return Verdict.TOO_OLD;
        }
        long bit = 1L << age;
        if ((s.seen & bit) != 0) {
            return Verdict.DUPLICATE;
        }
        s.seen |= bit;
        return Verdict.ACCEPTED;
    }

    /** The highest sequence number accepted from {@code from} in its current incarnation, or -1. */
    public long highest(NodeId from) {
        Sender s = senders.get(from);
        return s == null ? -1 : s.highest;
    }

    /** The current incarnation of {@code from}, or -1 if nothing was accepted from it. */
    public long incarnation(NodeId from) {
        Sender s = senders.get(from);
        return s == null ? -1 : s.incarnation;
    }
}
