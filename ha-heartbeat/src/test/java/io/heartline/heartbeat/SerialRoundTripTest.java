package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures a beacon's round trip through two serial media on a pty pair: a sends a real beacon,
 * b's listener answers with its own, a's listener hands it back. Each leg is the whole path (sign,
 * queue, sender thread, framing, pty, socat, pty, reader thread, deframing, MAC, replay window,
 * listener). Prints the median and the 99th percentile; asserts only that every ping got its pong.
 */
class SerialRoundTripTest {
    private static final NodeId A = new NodeId("director1");
    private static final NodeId B = new NodeId("director2");
    private static final AuthKey KEY = AuthKey.of("round-trip-test-key-0123456789ab");
    private static final int WARMUP = 200;
    private static final int ROUNDS = 1000;

    @TempDir
    Path dir;
    private SocatPair cable;
    private SerialMedium a;
    private SerialMedium b;

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (cable != null) {
            cable.close();
        }
    }

    @Test
    void measuresTheBeaconRoundTrip() throws Exception {
        cable = SocatPair.start(dir);
        a = new SerialMedium(new SerialLinkSettings("serial", cable.a().toString()), new MediumContext(A, Set.of(A, B), KEY));
        b = new SerialMedium(new SerialLinkSettings("serial", cable.b().toString()), new MediumContext(B, Set.of(A, B), KEY));
        BlockingQueue<Beacon> pongs = new ArrayBlockingQueue<>(4);
        AtomicLong rejected = new AtomicLong();
        b.start(new Relay(beacon -> b.send(beacon(B, beacon.seq())), rejected));
        a.start(new Relay(pongs::add, rejected));

        long[] nanos = new long[ROUNDS];
        for (int i = 1; i <= WARMUP + ROUNDS; i++) {
            long t0 = System.nanoTime();
            a.send(beacon(A, i));
            Beacon pong = pongs.poll(Timing.millis(5000).toMillis(), TimeUnit.MILLISECONDS);
            long rtt = System.nanoTime() - t0;
            assertNotNull(pong, "no answer to ping " + i);
            assertEquals(beacon(B, i), pong, "the answer to ping " + i);
            if (i > WARMUP) {
                nanos[i - WARMUP - 1] = rtt;
            }
        }

        Arrays.sort(nanos);
        System.out.printf("serial beacon round trip over a pty pair (%d bytes framed, %d rounds): "
                        + "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                SerialFramer.frame(new BeaconCodec(KEY).encode(beacon(A, 1))).length, ROUNDS,
                nanos[ROUNDS / 2] / 1e6, nanos[ROUNDS * 9 / 10] / 1e6, nanos[ROUNDS * 99 / 100] / 1e6,
                nanos[ROUNDS - 1] / 1e6);
        assertEquals(WARMUP + ROUNDS, a.stats().received());
        assertEquals(WARMUP + ROUNDS, b.stats().received());
        assertEquals(0, a.stats().framingErrors() + b.stats().framingErrors());
        assertEquals(0, a.stats().sendErrors() + b.stats().sendErrors());
        assertEquals(0, rejected.get());
    }

    /** A beacon as a two-group director pair sends it. */
    private static Beacon beacon(NodeId from, long seq) {
        return new Beacon(from, 1_767_225_600_000L, seq,
                List.of(new GroupAdvert("lvs", 3, "director1", GroupState.ACTIVE),
                        new GroupAdvert("mail", 1, "director2", GroupState.STANDBY)),
                List.of());
    }

    /** Hands every accepted beacon to {@code next}; counts rejections. */
    private record Relay(Consumer<Beacon> next, AtomicLong rejected) implements BeaconListener {
        @Override
        public void onBeacon(String medium, Beacon beacon) {
            next.accept(beacon);
        }

        @Override
        public void onRejected(String medium, Reason reason, String detail) {
            rejected.incrementAndGet();
        }
    }
}
