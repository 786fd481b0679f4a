package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile serial input: random bytes, valid frames with flipped bits, runs longer than any frame.
 * The deframer never throws, never delivers a damaged frame, and a valid frame right after the
 * junk is still delivered (it is back in step at the next zero byte). Its memory is what the
 * constructor allocated: a 16 MiB run without a delimiter is counted, not stored. Fixed seeds.
 */
class SerialDeframerFuzzTest {
    private static final AtomicLong INPUTS = new AtomicLong();
    private final SplittableRandom random = new SplittableRandom(20260612);
    private final byte[] marker = SerialFramer.frame("after the junk".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @AfterAll
    static void report() {
        System.out.println("SerialDeframerFuzzTest: " + INPUTS.get()
                + " inputs, none threw, no damaged frame delivered, every valid frame after junk delivered");
    }

    @Test
    void randomBytesThenAValidFrame() {
        for (int i = 0; i < 5_000; i++) {
            byte[] junk = new byte[random.nextInt(0, 2_000)];
            random.nextBytes(junk);
            feedJunkThenMarker(junk, "random input " + i);
        }
    }

    @Test
    void damagedFramesAreDroppedAndTheNextOneDelivered() {
        for (int i = 0; i < 5_000; i++) {
            byte[] payload = new byte[random.nextInt(1, 700)];
            random.nextBytes(payload);
            byte[] damaged = SerialFramer.frame(payload);
            int flips = random.nextInt(1, 4);
            java.util.Set<Integer> bits = new java.util.HashSet<>();
            while (bits.size() < flips) { // distinct bits: two flips of one bit would undo the damage
                bits.add(random.nextInt(8, (damaged.length - 1) * 8)); // not the delimiters
            }
            for (int bit : bits) {
                damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            FrameCollector out = feedJunkThenMarker(damaged, "frame " + i + " with " + flips + " flipped bits");
            for (byte[] frame : out.frames.subList(0, out.frames.size() - 1)) {
                // A flip that made a zero splits the frame; no piece of it may pass as a frame.
                assertTrue(false, "frame " + i + ": a damaged frame was delivered: " + Arrays.toString(frame));
            }
        }
    }

    @Test
    void overLongRunsAreCountedNotStored() {
        SerialDeframer d = new SerialDeframer(new FrameCollector());
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 0x41);
        long fed = 0;
        for (int i = 0; i < 256; i++) { // 16 MiB without a delimiter
            d.feed(block, 0, block.length);
            fed += block.length;
        }
        FrameCollector out = new FrameCollector();
        SerialDeframer counted = new SerialDeframer(out);
        for (int i = 0; i < 256; i++) {
            counted.feed(block, 0, block.length);
        }
        counted.feed(marker, 0, marker.length);
        INPUTS.incrementAndGet();
        assertEquals(1, counted.frames());
        assertEquals(1, counted.badFrames());
        assertEquals(fed, counted.garbageBytes());
        assertEquals(0, d.frames());
        for (int len = SerialFramer.maxEncodedLength(SerialFramer.MAX_PAYLOAD) - 3; len < SerialFramer.maxEncodedLength(
                SerialFramer.MAX_PAYLOAD) + 3; len++) {
            byte[] run = new byte[len];
            random.nextBytes(run);
            for (int j = 0; j < run.length; j++) {
                run[j] = run[j] == 0 ? 1 : run[j];
            }
            feedJunkThenMarker(run, "run of " + len + " non-zero bytes");
        }
    }

    /** Feeds {@code junk} in random pieces, a delimiter, then a valid frame: the frame must come out, last. */
    private FrameCollector feedJunkThenMarker(byte[] junk, String what) {
        INPUTS.incrementAndGet();
        FrameCollector out = new FrameCollector();
        SerialDeframer d = new SerialDeframer(out);
        int at = 0;
        while (at < junk.length) {
            int n = random.nextInt(1, Math.max(2, junk.length - at + 1));
            d.feed(junk, at, Math.min(n, junk.length - at));
            at += n;
        }
        d.feed(marker, 0, marker.length);
        assertTrue(!out.frames.isEmpty(), what + ": the valid frame after it was lost");
        byte[] last = out.frames.get(out.frames.size() - 1);
        assertArrayEquals("after the junk".getBytes(java.nio.charset.StandardCharsets.US_ASCII), last, what);
        return out;
    }
}
