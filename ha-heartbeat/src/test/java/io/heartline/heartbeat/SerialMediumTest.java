package io.heartline.heartbeat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import io.heartline.heartbeat.RecordingListener.LinkChange;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract kit over a software null-modem cable (two ptys joined by socat, one per test), and
 * what a serial link must survive on top: the cable cut and restored, garbage and half frames on
 * the line, every byte value in a frame.
 */
class SerialMediumTest extends HeartbeatMediumContract {
    /** How long a cut may take to be seen: a read fails within ~20 ms, plus one read timeout. */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(2);
    /** Reopening: the longest backoff (2 s) plus slack. */
    private static final Duration REOPEN_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private SocatPair cable;
    private final AtomicLong seq = new AtomicLong(1_000);

    @Override
    protected MediumPair createPair(MediumContext contextA, MediumContext contextB) {
        cable = SocatPair.start(dir);
        return new MediumPair(new SerialMedium(new SerialLinkSettings("serial", cable.a().toString()), contextA),
                new SerialMedium(new SerialLinkSettings("serial", cable.b().toString()), contextB));
    }

    /** Media first, then the cable: so the media never see it cut on the way out. */
    @AfterEach
    void closeMediaThenCable() {
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

    private SerialMedium serialA() {
        return (SerialMedium) a;
    }

    private SerialMedium serialB() {
        return (SerialMedium) b;
    }

    @Test
    void reportsTheLinkUpOnceStarted() {
        assertTrue(serialA().linkUp() && serialB().linkUp());
        assertEquals(List.of(new LinkChange("serial", true, cable.a() + " at 115200 baud")), atA.linkChanges());
        assertEquals(new SerialLinkSettings("serial", cable.b().toString(), 115_200), serialB().settings());
    }

    @Test
    void reopensByItselfAfterTheCableIsCutAndRestored() {
        exchange(a, NODE_A, atB);
        exchange(b, NODE_B, atA);

        long cutAt = System.nanoTime();
        cable.cut();
        await().atMost(Timing.scaled(DETECTION_BOUND)).pollInterval(Duration.ofMillis(1))
                .until(() -> !serialA().linkUp() && !serialB().linkUp());
        double detectedMs = (System.nanoTime() - cutAt) / 1e6;
        await().atMost(Timing.scaled(DETECTION_BOUND)).pollInterval(Duration.ofMillis(1))
                .until(() -> !last(atA).up() && !last(atB).up()); // the state changes first, then listeners hear

        long receivedAtB = b.stats().received();
        long errorsAtA = a.stats().sendErrors();
        for (int i = 0; i < 5; i++) {
            a.send(beacon(NODE_A, seq.incrementAndGet()));
        }
        await().atMost(Timing.scaled(DETECTION_BOUND)).until(() -> a.stats().sendErrors() >= errorsAtA + 5);
        assertEquals(receivedAtB, b.stats().received(), "nothing is delivered while the cable is cut");

        long restoredAt = System.nanoTime();
        cable.restore();
        await().atMost(Timing.scaled(REOPEN_BOUND)).pollInterval(Duration.ofMillis(1))
                .until(() -> serialA().linkUp() && serialB().linkUp());
        double reopenedMs = (System.nanoTime() - restoredAt) / 1e6;
        await().atMost(Timing.scaled(DETECTION_BOUND)).pollInterval(Duration.ofMillis(1))
                .until(() -> last(atA).up() && last(atB).up());
        for (RecordingListener l : List.of(atA, atB)) {
            assertTrue(l.linkChanges().get(0).up() && l.linkChanges().stream().anyMatch(c -> !c.up()),
                    "told: up, down (with why), up: " + l.linkChanges());
        }

        exchange(a, NODE_A, atB);
        exchange(b, NODE_B, atA);
        System.out.printf("serial cable cut: both media saw it after %.1f ms; both reopened %.1f ms after socat"
                + " was back (%s)%n", detectedMs, reopenedMs, a.stats());
    }

    /**
     * Random bytes and half frames written straight into b's pty reach a between b's beacons: every
     * beacon still arrives, every garbage byte is counted, and the link stays up.
     */
    @Test
    void skipsAndCountsGarbageAndHalfFramesBetweenBeacons() throws IOException {
        SplittableRandom random = new SplittableRandom(4242);
        BeaconCodec codec = new BeaconCodec(KEY);
        long garbageBytes = 0;
        long stretches = 0;
        try (FileOutputStream line = new FileOutputStream(cable.b().toFile())) {
            for (int i = 1; i <= 60; i++) {
                byte[] junk;
                if (i % 3 == 0) {
                    byte[] whole = SerialFramer.frame(codec.encode(beacon(NODE_B, 500_000 + i)));
                    junk = Arrays.copyOf(whole, random.nextInt(2, whole.length - 1)); // opening zero, no closing one
                } else {
                    junk = new byte[random.nextInt(1, 300)];
                    random.nextBytes(junk);
                }
                line.write(junk);
                line.flush();
                garbageBytes += nonZero(junk);
                stretches += nonZeroRuns(junk);
                long n = i;
                b.send(beacon(NODE_B, n));
                await().atMost(Timing.scaled(deliveryBound())).pollInterval(Duration.ofMillis(1))
                        .until(() -> atA.hasBeacon(NODE_B, n));
            }
        }
        assertEquals(60, atA.beaconsFrom(NODE_B).size(), "every beacon arrived once");
        MediumStats.Snapshot s = a.stats().snapshot();
        assertEquals(garbageBytes, s.garbageBytes(), "every garbage byte counted: " + s);
        assertEquals(stretches, s.framingErrors(), "each stretch between zero bytes is one framing error: " + s);
        assertEquals(0, s.rejectedTotal(), "garbage never reaches the beacon checks: " + s);
        assertTrue(serialA().linkUp());
        assertEquals(1, atA.linkChanges().size(), "the link never went down: " + atA.linkChanges());
    }

    /** A frame holding every byte value, zero runs and 0xFF runs crosses the line intact. */
    @Test
    void carriesEveryByteValue() {
        byte[] payload = new byte[3 * 256 + 600];
        for (int i = 0; i < 3 * 256; i++) {
            payload[i] = (byte) i;
        }
        Arrays.fill(payload, 3 * 256, 3 * 256 + 300, (byte) 0xFF);
        a.sendFrame(payload);
        await().atMost(Timing.scaled(deliveryBound())).until(() -> b.stats().rejected(Reason.MALFORMED) == 1);
        assertEquals(0, b.stats().framingErrors(), "the frame passed the CRC: every byte arrived as sent");
        assertEquals(0, b.stats().garbageBytes());
    }

    private void exchange(AbstractMedium from, NodeId node, RecordingListener at) {
        long first = seq.get() + 1;
        await().atMost(Timing.scaled(deliveryBound())).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    from.send(beacon(node, seq.incrementAndGet()));
                    return at.beaconsFrom(node).stream().anyMatch(x -> x.seq() >= first);
                });
    }

    private static LinkChange last(RecordingListener l) {
        List<LinkChange> changes = l.linkChanges();
        return changes.get(changes.size() - 1);
    }

    private static long nonZero(byte[] bytes) {
        long n = 0;
        for (byte x : bytes) {
            n += x != 0 ? 1 : 0;
        }
        return n;
    }

    private static long nonZeroRuns(byte[] bytes) {
        long runs = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != 0 && (i == 0 || bytes[i - 1] == 0)) {
                runs++;
            }
        }
        return runs;
    }
}
