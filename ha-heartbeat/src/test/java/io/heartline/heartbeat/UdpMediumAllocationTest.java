package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The UDP medium's steady path allocates nothing of its own: over 10,000 beacons on loopback, the
 * sending thread (encode, HMAC, send) allocates nothing, and the receive loop (select, receive,
 * HMAC, replay check, counters) allocates no more than decoding alone does, which is the
 * {@link Beacon} handed to the listener. Measured with {@code ThreadMXBean#getThreadAllocatedBytes}
 * after a warm-up, so that the JIT has compiled the path (and escape analysis done its part).
 */
class UdpMediumAllocationTest {
    private static final AuthKey KEY = AuthKey.of("allocation-test-key-0123456789abcd");
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final int WARMUP = 30_000;
    private static final int BEACONS = 10_000;
    /**
     * Windows of {@link #BEACONS} measured at most: the best counts. Whether C2 scalar-replaces a
     * few of decode's temporaries varies from one compilation to the next (about 130 bytes a
     * beacon, seen on the receive loop now and then); an allocation of the medium's own would
     * show in every window.
     */
    private static final int WINDOWS = 4;
    /** Slack per beacon for what is not the path: a stray TLAB refill, a JIT deoptimisation. */
    private static final double SLACK_BYTES = 16;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Counts beacons and keeps the last one: allocates nothing. */
    private static final class Counting implements BeaconListener {
        final AtomicLong beacons = new AtomicLong();
        volatile Beacon last;

        @Override
        public void onBeacon(String medium, Beacon beacon) {
            last = beacon;
            beacons.incrementAndGet();
        }

        @Override
        public void onRejected(String medium, BeaconRejectedException.Reason reason, String detail) {
        }

        @Override
        public void onLinkState(String medium, boolean up, String detail) {
        }
    }

    @Test
    void steadyPathAllocatesOnlyTheDecodedBeacon() throws Exception {
        Set<NodeId> nodes = Set.of(A, B);
        int port = JGroupsTestNet.freeUdpPort();
        Beacon[] beacons = new Beacon[WARMUP + WINDOWS * BEACONS];
        for (int i = 0; i < beacons.length; i++) {
            beacons[i] = new Beacon(A, 1, i + 1L, List.of(new GroupAdvert("web", 3, "node-a", GroupState.ACTIVE)),
                    List.of(), Set.of(B));
        }
        Counting atB = new Counting();
        try (UdpMedium a = UdpMediumTest.pairMember(new MediumContext(A, nodes, KEY), port, ADDRESS_A, ADDRESS_B);
             UdpMedium b = UdpMediumTest.pairMember(new MediumContext(B, nodes, KEY), port, ADDRESS_B, ADDRESS_A)) {
            a.start(new Counting());
            b.start(atB);
            pingPong(a, atB, beacons, 0, WARMUP);

            double decode = decodeBytesPerBeacon(beacons);
            long me = Thread.currentThread().getId();
            long loop = b.loopThread().getId();
            double sendPer = Double.MAX_VALUE;
            double recvPer = Double.MAX_VALUE;
            int next = WARMUP;
            for (int w = 0; w < WINDOWS && (sendPer >= SLACK_BYTES || recvPer > decode + SLACK_BYTES); w++) {
                long send0 = THREADS.getThreadAllocatedBytes(me);
                long recv0 = THREADS.getThreadAllocatedBytes(loop);
                long lost = pingPong(a, atB, beacons, next, BEACONS);
                long send = THREADS.getThreadAllocatedBytes(me) - send0;
                long recv = THREADS.getThreadAllocatedBytes(loop) - recv0;
                next += BEACONS;
                assertTrue(lost < BEACONS / 100, lost + " of " + BEACONS + " beacons lost on loopback");
                sendPer = Math.min(sendPer, (double) send / BEACONS);
                recvPer = Math.min(recvPer, (double) recv / (BEACONS - lost));
                System.out.printf("UDP medium, window %d of %d beacons: sender %.2f B/beacon, receive loop %.1f "
                        + "B/beacon, decode alone %.1f B/beacon, %d lost%n", w + 1, BEACONS, (double) send / BEACONS,
                        (double) recv / (BEACONS - lost), decode, lost);
            }
            assertTrue(sendPer < SLACK_BYTES, "the sending thread allocates " + sendPer + " bytes per beacon");
            assertTrue(recvPer <= decode + SLACK_BYTES, "the receive loop allocates " + recvPer
                    + " bytes per beacon, decoding alone " + decode);
            assertEquals(beacons[next - 1], atB.last, "the last beacon arrived as sent");
        }
    }

    /** Sends beacons[from, from+n) one at a time, each after the previous arrived; returns how many were lost. */
    private static long pingPong(UdpMedium a, Counting atB, Beacon[] beacons, int from, int n) {
        long lost = 0;
        for (int i = from; i < from + n; i++) {
            long before = atB.beacons.get();
            a.send(beacons[i]);
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (atB.beacons.get() == before) {
                if (System.nanoTime() > deadline) {
                    lost++;
                    break;
                }
                Thread.onSpinWait();
            }
        }
        return lost;
    }

    /** What {@link BeaconCodec#decode} alone allocates per beacon of this shape, on this thread. */
    private static double decodeBytesPerBeacon(Beacon[] beacons) throws Exception {
        BeaconCodec enc = new BeaconCodec(KEY);
        BeaconCodec dec = new BeaconCodec(KEY);
        byte[][] frames = new byte[BEACONS][];
        for (int i = 0; i < BEACONS; i++) {
            frames[i] = enc.encode(beacons[i]);
        }
        for (int round = 0; round < 3; round++) {
            for (byte[] f : frames) {
                dec.decode(f, 0, f.length);
            }
        }
        long me = Thread.currentThread().getId();
        long t0 = THREADS.getThreadAllocatedBytes(me);
        Beacon keep = null;
        for (byte[] f : frames) {
            keep = dec.decode(f, 0, f.length);
        }
        long bytes = THREADS.getThreadAllocatedBytes(me) - t0;
        assertEquals(beacons[BEACONS - 1], keep);
        return (double) bytes / BEACONS;
    }
}
