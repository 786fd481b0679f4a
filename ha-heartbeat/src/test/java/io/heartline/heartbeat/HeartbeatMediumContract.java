package io.heartline.heartbeat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every heartbeat medium keeps, as a kit: a medium's test extends this class and
 * builds two media joined by one link in {@link #createPair}. The kit starts them, and checks
 * that beacons pass both ways and that forged, replayed, own, unknown and junk frames are dropped
 * and counted. Real links lose frames now and then, so the kit re-sends until the expected effect
 * is seen, within a bound scaled by {@code heartline.timing}.
 */
public abstract class HeartbeatMediumContract {
    protected static final NodeId NODE_A = new NodeId("node-a");
    protected static final NodeId NODE_B = new NodeId("node-b");
    protected static final AuthKey KEY = AuthKey.of("contract-kit-key-0123456789abcdef");
    protected static final AuthKey WRONG_KEY = AuthKey.of("not-the-cluster-key-0123456789ab");
    protected static final long INCARNATION = 1_767_225_600_000L;

    /** Two media on one link, not yet started: {@code a} acts as node-a, {@code b} as node-b. */
    protected record MediumPair(AbstractMedium a, AbstractMedium b) {
    }

    /**
     * Builds the pair under test. {@code contextA} and {@code contextB} name node-a and node-b,
     * both knowing the node set {node-a, node-b} and the key {@link #KEY}.
     */
    protected abstract MediumPair createPair(MediumContext contextA, MediumContext contextB) throws Exception;

    /** How long a frame may take to be seen (before scaling); override for slow media. */
    protected Duration deliveryBound() {
        return Duration.ofSeconds(5);
    }

    protected AbstractMedium a;
    protected AbstractMedium b;
    protected final RecordingListener atA = new RecordingListener();
    protected final RecordingListener atB = new RecordingListener();
    private final AtomicLong seq = new AtomicLong();

    @BeforeEach
    void startPair() throws Exception {
        Set<NodeId> nodes = Set.of(NODE_A, NODE_B);
        MediumPair pair = createPair(new MediumContext(NODE_A, nodes, KEY), new MediumContext(NODE_B, nodes, KEY));
        a = pair.a();
        b = pair.b();
        a.start(atA);
        b.start(atB);
    }

    @AfterEach
    void closePair() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    protected static Beacon beacon(NodeId from, long seq) {
        return new Beacon(from, INCARNATION, seq,
                List.of(new GroupAdvert("web", 7, "node-a", GroupState.ACTIVE),
                        new GroupAdvert("db", 0, "", GroupState.STANDBY)),
                List.of(new HandoffRequest("web", 7, "node-b")));
    }

    /** Sends a fresh frame from {@code from} at every poll until {@code done} holds. */
    protected void sendUntil(AbstractMedium from, LongFunction<byte[]> frames, Callable<Boolean> done) {
        await().atMost(Timing.scaled(deliveryBound()))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    from.sendFrame(frames.apply(seq.incrementAndGet()));
                    return done.call();
                });
    }

    private static LongFunction<byte[]> signed(AuthKey key, NodeId from) {
        BeaconCodec codec = new BeaconCodec(key);
        return n -> codec.encode(beacon(from, n));
    }

    @Test
    void deliversBeaconsBothWays() {
        AtomicLong lastFromA = new AtomicLong();
        await().atMost(Timing.scaled(deliveryBound())).pollInterval(Duration.ofMillis(20)).until(() -> {
            long n = seq.incrementAndGet();
            lastFromA.set(n);
            a.send(beacon(NODE_A, n));
            return !atB.beaconsFrom(NODE_A).isEmpty();
        });
        Beacon got = atB.beaconsFrom(NODE_A).get(0);
        assertTrue(got.seq() >= 1 && got.seq() <= lastFromA.get());
        assertEquals(beacon(NODE_A, got.seq()), got, "a beacon arrives exactly as sent");
        assertEquals(b.name(), atB.received().get(0).medium());

        sendUntil(b, signed(KEY, NODE_B), () -> !atA.beaconsFrom(NODE_B).isEmpty());
        assertTrue(a.stats().received() >= 1);
        // The sender thread counts a beacon once transmit() returns, which can be after the peer has it.
        await().atMost(Timing.scaled(Duration.ofSeconds(1))).until(() -> b.stats().sent() >= 1);
        assertEquals(0, a.stats().snapshot().rejectedTotal() + b.stats().snapshot().rejectedTotal(),
                "nothing was rejected: " + a.stats() + " / " + b.stats());
    }

    @Test
    void dropsForgedBeaconAndCountsBadMac() {
        sendUntil(a, signed(WRONG_KEY, NODE_A), () -> b.stats().rejected(Reason.BAD_MAC) >= 1);
        assertTrue(atB.beaconsFrom(NODE_A).isEmpty(), "no forged beacon reaches the listener");
        assertEquals(0, b.stats().received());
        // The medium counts a rejection before it tells the listener, on its receive thread.
        await().atMost(Timing.scaled(Duration.ofSeconds(1))).untilAsserted(() ->
                assertTrue(atB.rejected(Reason.BAD_MAC) >= 1, "the listener hears of the rejection"));
    }

    @Test
    void dropsReplayedBeaconAndCountsReplay() {
        byte[] frame = new BeaconCodec(KEY).encode(beacon(NODE_A, 1));
        sendUntil(a, n -> frame, () -> atB.hasBeacon(NODE_A, 1) && b.stats().rejected(Reason.REPLAY) >= 1);
        assertEquals(1, atB.beaconsFrom(NODE_A).size(), "the beacon is delivered once, its copies never");
        assertEquals(1, b.stats().received());
    }

    @Test
    void dropsItsOwnBeacons() {
        sendUntil(a, signed(KEY, NODE_A), () -> !atB.beaconsFrom(NODE_A).isEmpty());
        sendUntil(a, signed(KEY, NODE_B), () -> b.stats().rejected(Reason.SELF) >= 1);
        assertTrue(atB.beaconsFrom(NODE_B).isEmpty(), "a beacon in b's own name never reaches b's listener");
        assertTrue(atA.beaconsFrom(NODE_A).isEmpty(), "a never hears its own beacons");
    }

    @Test
    void dropsAuthenticBeaconsFromUnknownNodes() {
        sendUntil(a, signed(KEY, new NodeId("node-z")), () -> b.stats().rejected(Reason.UNKNOWN_NODE) >= 1);
        assertEquals(0, b.stats().received());
    }

    @Test
    void dropsJunkAsMalformed() {
        byte[] junk = "GET / HTTP/1.0\r\n\r\n this is not a beacon at all, not even close".getBytes();
        sendUntil(a, n -> junk, () -> b.stats().rejected(Reason.MALFORMED) >= 1);
        assertEquals(0, b.stats().received());
    }

    @Test
    void closeIsIdempotentAndLaterSendsAreCountedNotThrown() {
        a.close();
        assertDoesNotThrow(a::close);
        long errors = a.stats().sendErrors();
        assertDoesNotThrow(() -> a.send(beacon(NODE_A, 1)));
        assertEquals(errors + 1, a.stats().sendErrors());
    }

    @Test
    void startsOnlyOnce() {
        assertThrows(IllegalStateException.class, () -> a.start(new RecordingListener()));
    }
}
