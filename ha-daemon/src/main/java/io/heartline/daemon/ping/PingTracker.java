package io.heartline.daemon.ping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rounds found, per ping node: the newest answer, its round trip, the last send error.
 * Written by the ping thread only; status and metrics read it from theirs (volatile fields). A
 * late reply counts as long as its round is one of the last {@value #WINDOW}: it still proves
 * the node reachable.
 */
final class PingTracker {
    static final long NEVER = Long.MIN_VALUE;
    static final int WINDOW = 64;

    /** One ping node's figures. */
    static final class Node {
        final InetAddress address;
        volatile long lastAnswerAt = NEVER;
        volatile long rttNanos = -1;
        volatile String sendError;

        Node(InetAddress address) {
            this.address = address;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final long[] sentAt = new long[WINDOW];
    private final int[] sentSeq = new int[WINDOW];
    private volatile long lastAnswerAt = NEVER;
    private int seq;

    PingTracker(List<InetAddress> addresses) {
        addresses.forEach(a -> nodes.add(new Node(a)));
        java.util.Arrays.fill(sentSeq, -1);
    }

    List<Node> nodes() {
        return nodes;
    }

    /** A new round, sent at {@code now}: its sequence number (16 bits, wrapping). */
    int next(long now) {
        seq = (seq + 1) & 0xffff;
        sentAt[seq % WINDOW] = now;
        sentSeq[seq % WINDOW] = seq;
        return seq;
    }

    void sent(Node n, int errno, String error) {
        n.sendError = errno == 0 ? null : error;
    }

    /** A reply from {@code from} to round {@code seq}, received at {@code now}; false when it is no answer of ours. */
    boolean answered(InetAddress from, int seq, long now) {
        if (sentSeq[seq % WINDOW] != seq) {
            return false;
        }
        for (Node n : nodes) {
            if (n.address.equals(from)) {
                n.lastAnswerAt = now;
                n.rttNanos = now - sentAt[seq % WINDOW];
                lastAnswerAt = now;
                return true;
            }
        }
        return false;
    }

    /** The newest answer from any ping node, {@link #NEVER} when none yet. */
    long lastAnswerAt() {
        return lastAnswerAt;
    }

    /** {@code 10.0.0.1 0.4ms, 10.0.0.2 silent 1200ms}: each node as of {@code now}, for the decider's journal lines. */
    String detail(long now, long roundNanos) {
        List<String> parts = new ArrayList<>();
        for (Node n : nodes) {
            String a = n.address.getHostAddress();
            long last = n.lastAnswerAt;
            if (last != NEVER && now - last <= roundNanos) {
                parts.add(a + " " + millis(n.rttNanos) + "ms");
            } else {
                String silent = last == NEVER ? a + " never answered" : a + " silent " + (now - last) / 1_000_000L + "ms";
                parts.add(n.sendError == null ? silent : silent + " (send: " + n.sendError + ")");
            }
        }
        return String.join(", ", parts);
    }

    /** Each node for status: address, reachable (an answer within {@code deadNanos}), rtt, age of the last answer. */
    List<Map<String, Object>> status(long now, long deadNanos) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Node n : nodes) {
            long last = n.lastAnswerAt;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", n.address.getHostAddress());
            m.put("reachable", last != NEVER && now - last < deadNanos);
            m.put("rtt_ms", last == NEVER ? null : millis(n.rttNanos));
            m.put("last_answer_ms", last == NEVER ? null : (now - last) / 1_000_000L);
            m.put("send_error", n.sendError);
            out.add(m);
        }
        return out;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
