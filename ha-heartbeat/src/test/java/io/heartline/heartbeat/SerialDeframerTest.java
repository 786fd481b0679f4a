package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialDeframer} finds every intact frame again whatever surrounds it: garbage, half
 * frames, flipped bits, damaged COBS codes, any split of the stream into reads. It never throws,
 * and never delivers a damaged frame. Seeds are fixed, so a failure reproduces.
 */
class SerialDeframerTest {
    private final SplittableRandom random = new SplittableRandom(20260417);

    @Test
    void everySplitOfTheStreamGivesTheSameFrames() {
        List<byte[]> payloads = List.of(payload(0, 40), payload(1, 300), new byte[] {0}, payload(3, 600));
        byte[] stream = concat(payloads.stream().map(SerialFramer::frame).toList());
        for (int split = 0; split <= stream.length; split++) {
            FrameCollector out = new FrameCollector();
            SerialDeframer d = new SerialDeframer(out);
            d.feed(stream, 0, split);
            d.feed(stream, split, stream.length - split);
            assertFrames(payloads, out, "split at " + split);
            assertEquals(0, d.badFrames());
        }
        FrameCollector out = new FrameCollector();
        SerialDeframer d = new SerialDeframer(out);
        for (int i = 0; i < stream.length; i++) {
            d.feed(stream, i, 1);
        }
        assertFrames(payloads, out, "one byte at a time");
        assertEquals(payloads.size(), d.frames());
    }

    @Test
    void garbageBetweenFramesIsSkippedAndCountedExactly() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> payloads = new ArrayList<>();
        long garbageBytes = 0;
        long runs = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] junk = junk();
            garbageBytes += nonZero(junk);
            runs += nonZeroRuns(junk);
            stream.writeBytes(junk);
            byte[] p = payload(i, random.nextInt(0, 200));
            payloads.add(p);
            stream.writeBytes(SerialFramer.frame(p));
        }
        FrameCollector out = new FrameCollector();
        SerialDeframer d = new SerialDeframer(out);
        feedInRandomChunks(d, stream.toByteArray());
        assertFrames(payloads, out, "frames among garbage");
        assertEquals(garbageBytes, d.garbageBytes(), "every garbage byte is counted, and nothing else");
        assertEquals(runs, d.badFrames(), "each stretch of garbage between zero bytes is one bad frame");
        assertEquals(runs, out.discarded.size());
        assertEquals(garbageBytes, out.discarded.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aHalfFrameNeverSwallowsTheNextOne() {
        byte[] first = SerialFramer.frame(payload(1, 120));
        byte[] next = payload(2, 80);
        for (int cut = 0; cut <= first.length; cut++) {
            FrameCollector out = FrameCollector.deframe(concat(List.of(Arrays.copyOf(first, cut), SerialFramer.frame(next))));
            boolean whole = cut >= first.length - 1; // only the closing zero missing: the next frame's opening one ends it
            assertEquals(whole ? 2 : 1, out.frames.size(), "cut at " + cut);
            assertArrayEquals(next, out.frames.get(out.frames.size() - 1), "cut at " + cut);
            long expectedGarbage = whole || cut < 2 ? 0 : cut - 1;
            assertEquals(expectedGarbage, out.discarded.stream().mapToLong(Long::longValue).sum(), "cut at " + cut);
        }
    }

    @Test
    void everyBitFlipLosesOnlyTheFrameItHits() {
        byte[] before = payload(1, 50);
        byte[] hit = payload(2, 300);
        byte[] after = payload(3, 50);
        byte[] damaged = SerialFramer.frame(hit);
        for (int bit = 0; bit < damaged.length * 8; bit++) {
            byte[] copy = damaged.clone();
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            byte[] stream = concat(List.of(SerialFramer.frame(before), copy, SerialFramer.frame(after)));
            assertFrames(List.of(before, after), FrameCollector.deframe(stream), "bit " + bit + " flipped");
        }
    }

    @Test
    void aDamagedCobsCodeOrLengthLosesOnlyItsFrame() {
        byte[] hit = payload(2, 600); // several COBS blocks
        byte[] after = payload(3, 30);
        byte[] line = SerialFramer.frame(hit);
        for (int value = 1; value < 256; value++) {
            byte[] copy = line.clone();
            if (copy[1] == (byte) value) {
                continue;
            }
            copy[1] = (byte) value; // the first code byte: how far the first block reaches
            FrameCollector out = FrameCollector.deframe(concat(List.of(copy, SerialFramer.frame(after))));
            assertFrames(List.of(after), out, "first code byte set to " + value);
            assertEquals(1, out.discarded.size());
        }
    }

    /** Random damage to random streams: every untouched frame comes through, no damaged one ever does. */
    @Test
    void randomDamageNeverCostsAnUntouchedFrame() {
        int damagedButDelivered = 0;
        for (int round = 0; round < 3000; round++) {
            List<byte[]> payloads = new ArrayList<>();
            List<byte[]> intact = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int f = 0; f < 6; f++) {
                byte[] p = payload(round * 10 + f, random.nextInt(0, 400));
                payloads.add(p);
                byte[] line = SerialFramer.frame(p);
                if (random.nextInt(3) == 0) {
                    line = damage(line);
                } else {
                    intact.add(p);
                }
                stream.writeBytes(line);
                if (random.nextInt(4) == 0) {
                    stream.writeBytes(junk());
                }
            }
            FrameCollector out = new FrameCollector();
            try {
                feedInRandomChunks(new SerialDeframer(out), stream.toByteArray());
            } catch (RuntimeException e) {
                fail("round " + round + " threw " + e, e);
            }
            damagedButDelivered += out.frames.size() - intact.size();
            assertInOrderSubsequence(out.frames, payloads, "round " + round);
            assertInOrderSubsequence(intact, out.frames, "round " + round + ": every intact frame arrives");
        }
        // A frame whose closing zero alone was lost still arrives whole; nothing else damaged may.
        assertTrue(damagedButDelivered < 300, damagedButDelivered + " damaged frames were delivered");
    }

    @Test
    void aRunLongerThanAnyFrameIsDroppedInBoundedMemory() {
        FrameCollector out = new FrameCollector();
        SerialDeframer d = new SerialDeframer(100, out);
        byte[] noise = new byte[1_000_000];
        Arrays.fill(noise, (byte) 0x55);
        d.feed(noise, 0, noise.length);
        byte[] good = payload(1, 100);
        d.feed(SerialFramer.frame(good), 0, SerialFramer.frame(good).length);
        assertFrames(List.of(good), out, "after a long run");
        assertEquals(1, d.badFrames());
        assertEquals(noise.length, d.garbageBytes());

        byte[] tooLong = SerialFramer.frame(payload(2, 101));
        d.feed(tooLong, 0, tooLong.length);
        assertEquals(1, d.frames(), "a frame over the deframer's maximum is dropped");
        assertEquals(2, d.badFrames());
    }

    @Test
    void zeroBytesAloneAreIdleNotErrors() {
        FrameCollector out = FrameCollector.deframe(new byte[500]);
        assertEquals(List.of(), out.frames);
        assertEquals(List.of(), out.discarded);
    }

    @Test
    void resetDropsAHalfFrameAndCountsIt() {
        FrameCollector out = new FrameCollector();
        SerialDeframer d = new SerialDeframer(out);
        byte[] line = SerialFramer.frame(payload(1, 60));
        d.feed(line, 0, 30);
        d.reset();
        d.feed(line, 30, line.length - 30);
        assertEquals(List.of(), out.frames, "the two halves are never joined");
        assertEquals(List.of(29L, (long) line.length - 31), out.discarded);
        d.reset();
        assertEquals(2, d.badFrames(), "resetting between frames drops nothing");
    }

    @Test
    void pureGarbageNeverThrows() {
        FrameCollector out = new FrameCollector();
        SerialDeframer d = new SerialDeframer(out);
        byte[] junk = new byte[4096];
        for (int i = 0; i < 2000; i++) {
            random.nextBytes(junk);
            if (i % 2 == 0) {
                for (int j = 0; j < junk.length; j++) {
                    junk[j] = junk[j] == 0 ? 1 : (byte) (junk[j] & (i % 4 == 0 ? 0x03 : 0xFF));
                }
            }
            int len = random.nextInt(junk.length + 1);
            d.feed(junk, 0, len);
        }
        assertEquals(List.of(), out.frames, "no random stretch passes COBS and CRC");
    }

    /** Garbage of several kinds: random, zero-free, zero-heavy, stray delimiters, possibly empty. */
    private byte[] junk() {
        byte[] junk = new byte[random.nextInt(0, 200)];
        random.nextBytes(junk);
        switch (random.nextInt(4)) {
            case 0 -> { }
            case 1 -> { for (int i = 0; i < junk.length; i++) { junk[i] |= 1; } }
            case 2 -> { for (int i = 0; i < junk.length; i++) { junk[i] &= (byte) 0x81; } }
            default -> { for (int i = 0; i < junk.length; i++) { junk[i] = (byte) (i % 3 == 0 ? 0 : 0xFF); } }
        }
        return junk;
    }

    /** One change that alters the line: a byte replaced, bytes inserted or removed, or the frame cut short. */
    private byte[] damage(byte[] line) {
        int at = random.nextInt(line.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = line.clone();
                copy[at] ^= (byte) random.nextInt(1, 256);
                return copy;
            }
            case 1 -> {
                byte[] extra = new byte[random.nextInt(1, 20)];
                random.nextBytes(extra);
                int inside = 1 + random.nextInt(line.length - 1);
                out.write(line, 0, inside);
                out.writeBytes(extra);
                out.write(line, inside, line.length - inside);
                return out.toByteArray();
            }
            case 2 -> {
                int n = random.nextInt(1, line.length - at + 1);
                out.write(line, 0, at);
                out.write(line, at + n, line.length - at - n);
                return out.toByteArray();
            }
            default -> {
                return Arrays.copyOf(line, at);
            }
        }
    }

    private void feedInRandomChunks(SerialDeframer d, byte[] stream) {
        int pos = 0;
        while (pos < stream.length) {
            int n = Math.min(stream.length - pos, random.nextInt(1, 600));
            d.feed(stream, pos, n);
            pos += n;
        }
    }

    /** A payload that says which it is in its first bytes, so that no two are alike. */
    private byte[] payload(int id, int len) {
        byte[] p = new byte[Math.max(len, 4)];
        random.nextBytes(p);
        p[0] = (byte) (id >>> 24);
        p[1] = (byte) (id >>> 16);
        p[2] = (byte) (id >>> 8);
        p[3] = (byte) id;
        return len < 4 ? Arrays.copyOf(p, 4) : p;
    }

    private static long nonZero(byte[] b) {
        long n = 0;
        for (byte x : b) {
            n += x != 0 ? 1 : 0;
        }
        return n;
    }

    private static long nonZeroRuns(byte[] b) {
        long runs = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0 && (i == 0 || b[i - 1] == 0)) {
                runs++;
            }
        }
        return runs;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void assertFrames(List<byte[]> expected, FrameCollector out, String what) {
        assertEquals(expected.size(), out.frames.size(), what + ": number of frames");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), out.frames.get(i), what + ": frame " + i);
        }
    }

    /** Every element of {@code sub} occurs in {@code all}, in the same order. */
    private static void assertInOrderSubsequence(List<byte[]> sub, List<byte[]> all, String what) {
        int j = 0;
        for (byte[] s : sub) {
            while (j < all.size() && !Arrays.equals(s, all.get(j))) {
                j++;
            }
            if (j == all.size()) {
                fail(what + ": frame of " + s.length + " bytes " + Arrays.toString(Arrays.copyOf(s, Math.min(8, s.length)))
                        + "... missing or out of order");
            }
            j++;
        }
    }
}
