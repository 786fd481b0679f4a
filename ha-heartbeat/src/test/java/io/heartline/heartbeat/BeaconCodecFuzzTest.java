package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Junk, truncated and damaged frames are all rejected with {@link BeaconRejectedException} and
 * nothing else. Seeds are fixed, so a failure reproduces.
 */
class BeaconCodecFuzzTest {
    private static final java.util.concurrent.atomic.AtomicLong INPUTS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("BeaconCodecFuzzTest: " + INPUTS.get() + " inputs, each rejected with a reason or decoded, none threw");
    }

    /** Authentic frames that claim the largest counts and lengths, and frames larger than any beacon. */
    @Test
    void hugeLengthsAndCountsAreRejected() {
        byte[] body = Arrays.copyOf(valid, valid.length - BeaconCodec.MAC_LENGTH);
        int nameLength = body[4] & 0xff;
        int countsAt = 4 + 1 + nameLength + 16;
        for (int claim : new int[] {BeaconCodec.MAX_ADVERTS + 1, 0x7fff, 0xffff}) {
            byte[] b = body.clone();
            b[countsAt] = (byte) (claim >>> 8);
            b[countsAt + 1] = (byte) claim;
            INPUTS.incrementAndGet();
            byte[] frame = Frames.sign(BeaconCodecTest.KEY, b);
            assertEquals(Reason.MALFORMED, expectRejected(frame, "advert count " + claim));
        }
        byte[] longName = body.clone();
        longName[4] = (byte) 0xff; // a 255-byte name in a frame that has far fewer bytes left
        assertEquals(Reason.MALFORMED, expectRejected(Frames.sign(BeaconCodecTest.KEY, longName), "name of 255"));
        byte[] huge = new byte[4 * 1024 * 1024];
        System.arraycopy(valid, 0, huge, 0, valid.length);
        for (int len : new int[] {BeaconCodec.MAX_FRAME + 1, 65_536, huge.length}) {
            assertEquals(Reason.MALFORMED, expectRejectedSlice(huge, 0, len, len + " bytes"));
        }
    }
    private final BeaconCodec codec = new BeaconCodec(BeaconCodecTest.KEY);
    private final byte[] valid = codec.encode(BeaconCodecTest.sample());

    @Test
    void randomBytesAreRejected() {
        SplittableRandom random = new SplittableRandom(20260101);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(0, 300)];
            random.nextBytes(junk);
            if (random.nextBoolean() && junk.length >= 4) {
                junk[0] = 'H';
                junk[1] = 'L';
                junk[2] = 'B';
                junk[3] = (byte) (random.nextBoolean() ? 1 : random.nextInt(256));
            }
            expectRejected(junk, "random frame " + i);
        }
    }

    @Test
    void everyTruncationIsRejected() {
        for (int len = 0; len < valid.length; len++) {
            expectRejected(Arrays.copyOf(valid, len), "truncated to " + len);
            expectRejectedSlice(valid, 0, len, "slice of " + len);
        }
    }

    @Test
    void everyBitFlipIsRejected() {
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] damaged = valid.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Reason r = expectRejected(damaged, "bit " + bit + " flipped");
            if (bit >= 32) {
                assertEquals(Reason.BAD_MAC, r, "past magic and version, damage is caught by the MAC (bit " + bit + ")");
            }
        }
    }

    @Test
    void appendedBytesAreRejected() {
        for (int extra = 1; extra < 40; extra++) {
            expectRejected(Arrays.copyOf(valid, valid.length + extra), extra + " bytes appended");
        }
    }

    /** Behind a valid MAC, the body parser meets random content: it decodes or says MALFORMED. */
    @Test
    void authenticRandomBodiesAreParsedOrRejectedAsMalformed() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] body = Arrays.copyOf(valid, valid.length - BeaconCodec.MAC_LENGTH);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = body.clone();
            if (random.nextInt(4) == 0) {
                mutated = Arrays.copyOf(mutated, random.nextInt(26, mutated.length + 20));
            }
            int changes = random.nextInt(1, 4);
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(4, mutated.length);
                mutated[at] = (byte) random.nextInt(256);
            }
            byte[] frame = Frames.sign(BeaconCodecTest.KEY, mutated);
            INPUTS.incrementAndGet();
            try {
                assertNotNull(codec.decode(frame, 0, frame.length));
                decoded++;
            } catch (BeaconRejectedException e) {
                assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
            } catch (RuntimeException e) {
                fail("mutation " + i + " threw " + e, e);
            }
        }
        assertTrue(decoded > 0, "some mutations (in numbers) still decode");
    }

    private Reason expectRejected(byte[] frame, String what) {
        return expectRejectedSlice(frame, 0, frame.length, what);
    }

    private Reason expectRejectedSlice(byte[] buf, int off, int len, String what) {
        INPUTS.incrementAndGet();
        try {
            Beacon b = codec.decode(buf, off, len);
            return fail(what + " was accepted as " + b);
        } catch (BeaconRejectedException e) {
            assertNotNull(e.getMessage());
            return e.reason();
        } catch (RuntimeException e) {
            return fail(what + " threw " + e, e);
        }
    }
}
