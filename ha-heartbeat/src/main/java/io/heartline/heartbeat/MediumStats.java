package io.heartline.heartbeat;

import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one medium: beacons sent, send errors (including beacons dropped because the
 * send queue was full or the medium closed), beacons received and accepted, and frames rejected
 * by reason. A byte-stream medium (the serial link) also counts framing errors: stretches of the
 * stream that were no intact frame (line noise, half or damaged frames), and the bytes in them;
 * these never reach the beacon checks, so they are not rejections. Thread-safe;
 * {@link #snapshot()} gives a consistent-enough copy for display.
 */
public final class MediumStats {
    private final String medium;
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final LongAdder received = new LongAdder();
    /** Accepted beacons by sender: only configured nodes get here, so the map stays as small as the cluster. */
    private final java.util.concurrent.ConcurrentHashMap<io.heartline.core.NodeId, LongAdder> receivedFrom =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLongArray rejected = new AtomicLongArray(Reason.values().length);
    private final LongAdder framingErrors = new LongAdder();
    private final LongAdder garbageBytes = new LongAdder();

    public MediumStats(String medium) {
        this.medium = medium;
    }

    /**
     * The counters at one moment, for status output and tests.
     *
     * @param framingErrors stretches of a byte stream dropped as no intact frame (0 for datagram media)
     * @param garbageBytes  the bytes in them
     */
    public record Snapshot(String medium, long sent, long sendErrors, long received, Map<Reason, Long> rejected,
                           long framingErrors, long garbageBytes) {
        public Snapshot {
            rejected = Collections.unmodifiableMap(new EnumMap<>(rejected));
        }

        public long rejected(Reason reason) {
            return rejected.getOrDefault(reason, 0L);
        }

        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public String medium() {
        return medium;
    }

    public long sent() {
        return sent.sum();
    }

    public long sendErrors() {
        return sendErrors.sum();
    }

    public long received() {
        return received.sum();
    }

    public long rejected(Reason reason) {
        return rejected.get(reason.ordinal());
    }

    /** Beacons accepted from {@code peer} on this medium (0 before the first). */
    public long received(io.heartline.core.NodeId peer) {
        LongAdder n = receivedFrom.get(peer);
        return n == null ? 0 : n.sum();
    }

    public long framingErrors() {
        return framingErrors.sum();
    }

    public long garbageBytes() {
        return garbageBytes.sum();
    }

    public Snapshot snapshot() {
        Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            byReason.put(r, rejected(r));
        }
        return new Snapshot(medium, sent(), sendErrors(), received(), byReason, framingErrors(), garbageBytes());
    }

    void countSent() {
        sent.increment();
    }

    void countSendError() {
        sendErrors.increment();
    }

    void countReceived() {
        received.increment();
    }

    /** Counts one accepted beacon from {@code peer}; allocates only for a peer's first beacon. */
    void countReceived(io.heartline.core.NodeId peer) {
        received.increment();
        LongAdder n = receivedFrom.get(peer);
        if (n == null) {
            n = receivedFrom.computeIfAbsent(peer, p -> new LongAdder());
        }
        n.increment();
    }

    /** Counts one rejection and returns how many there have been for that reason. */
    long countRejected(Reason reason) {
        return rejected.incrementAndGet(reason.ordinal());
    }

    /** Counts one stretch of {@code bytes} stream bytes that held no intact frame. */
    void countFramingError(long bytes) {
        framingErrors.increment();
        garbageBytes.add(bytes);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
