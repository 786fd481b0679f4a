package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The line format of {@link SerialFramer}, checked byte by byte and through {@link SerialDeframer}. */
class SerialFramerTest {

    @Test
    void anEmptyPayloadIsRefusedAndNeverDelivered() {
        assertThrows(IllegalArgumentException.class, () -> SerialFramer.frame(new byte[0]));
        // What it would be: CRC-32 of nothing is 0, four zero bytes, COBS makes them five 01 codes.
        FrameCollector out = FrameCollector.deframe(new byte[] {0, 1, 1, 1, 1, 1, 0});
        assertEquals(List.of(), out.frames, "five 01 bytes are noise, not an empty frame");
        assertEquals(List.of(5L), out.discarded);
    }

    @Test
    void knownPayloadHasTheDocumentedLayout() {
        byte[] payload = {0x11, 0x00, 0x22};
        CRC32 crc = new CRC32();
        crc.update(payload);
        long c = crc.getValue();
        byte[] c1 = {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c};
        assertTrue(c1[0] != 0 && c1[1] != 0 && c1[2] != 0 && c1[3] != 0, "this example's CRC has no zero byte");
        byte[] expected = {0, 2, 0x11, 6, 0x22, c1[0], c1[1], c1[2], c1[3], 0};
        assertArrayEquals(expected, SerialFramer.frame(payload));
    }

    @Test
    void payloadsOfEveryShapeRoundTrip() {
        SplittableRandom random = new SplittableRandom(11);
        List<byte[]> payloads = new ArrayList<>();
        for (int len = 1; len <= 1100; len++) {
            byte[] p = new byte[len];
            random.nextBytes(p);
            payloads.add(p);
            payloads.add(new byte[len]);
            byte[] noZeros = new byte[len];
            Arrays.fill(noZeros, (byte) 0xFF);
            payloads.add(noZeros);
        }
        byte[] largest = new byte[SerialFramer.MAX_PAYLOAD];
        random.nextBytes(largest);
        payloads.add(largest);
        byte[] largestNoZeros = new byte[SerialFramer.MAX_PAYLOAD];
        Arrays.fill(largestNoZeros, (byte) 7);
        payloads.add(largestNoZeros);
        payloads.add(new byte[SerialFramer.MAX_PAYLOAD]);

        SerialFramer framer = new SerialFramer();
        for (byte[] p : payloads) {
            int n = framer.encode(p, 0, p.length);
            byte[] line = Arrays.copyOf(framer.buffer(), n);
            assertEquals(0, line[0], "a frame starts with the delimiter");
            assertEquals(0, line[n - 1], "a frame ends with the delimiter");
            for (int i = 1; i < n - 1; i++) {
                assertTrue(line[i] != 0, "no zero inside a frame (payload of " + p.length + ", byte " + i + ")");
            }
            assertTrue(n <= SerialFramer.maxEncodedLength(p.length), "bounded overhead for " + p.length);
            assertArrayEquals(delimited(cobs(withCrc(p))), line, "as the reference COBS encoder says");
            FrameCollector out = FrameCollector.deframe(line);
            assertEquals(1, out.frames.size(), "one frame of " + p.length + " bytes");
            assertArrayEquals(p, out.frames.get(0));
            assertEquals(List.of(), out.discarded);
        }
    }

    @Test
    void encodesASliceAndReusesItsBuffer() {
        SerialFramer framer = new SerialFramer();
        byte[] big = {9, 9, 1, 2, 3, 9};
        int n = framer.encode(big, 2, 3);
        assertArrayEquals(SerialFramer.frame(new byte[] {1, 2, 3}), Arrays.copyOf(framer.buffer(), n));
        byte[] first = framer.buffer();
        framer.encode(new byte[100], 0, 100);
        assertTrue(first == framer.buffer(), "framing allocates nothing");
    }

    @Test
    void refusesPayloadsLargerThanABeacon() {
        SerialFramer framer = new SerialFramer();
        byte[] tooBig = new byte[SerialFramer.MAX_PAYLOAD + 1];
        assertThrows(IllegalArgumentException.class, () -> framer.encode(tooBig, 0, tooBig.length));
        assertThrows(IndexOutOfBoundsException.class, () -> framer.encode(new byte[4], 2, 3));
    }

    @Test
    void realBeaconsSurviveTheFraming() throws Exception {
        BeaconCodec codec = new BeaconCodec(BeaconCodecTest.KEY);
        Beacon beacon = BeaconCodecTest.sample();
        FrameCollector out = FrameCollector.deframe(SerialFramer.frame(codec.encode(beacon)));
        byte[] frame = out.frames.get(0);
        assertEquals(beacon, codec.decode(frame, 0, frame.length));
    }

    /** A plain reference COBS encoder, written apart from the one under test. */
    static byte[] cobs(byte[] data) {
        List<Byte> out = new ArrayList<>();
        List<Byte> block = new ArrayList<>();
        for (byte b : data) {
            if (b == 0) {
                flush(out, block);
            } else {
                block.add(b);
                if (block.size() == 254) {
                    flush(out, block); // code 0xFF: 254 bytes and no implied zero
                }
            }
        }
        flush(out, block);
        byte[] result = new byte[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }

    private static void flush(List<Byte> out, List<Byte> block) {
        out.add((byte) (block.size() + 1));
        out.addAll(block);
        block.clear();
    }

    static byte[] withCrc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        long c = crc.getValue();
        byte[] out = Arrays.copyOf(payload, payload.length + 4);
        for (int i = 0; i < 4; i++) {
            out[payload.length + i] = (byte) (c >>> (24 - 8 * i));
        }
        return out;
    }

    static byte[] delimited(byte[] body) {
        byte[] line = new byte[body.length + 2];
        System.arraycopy(body, 0, line, 1, body.length);
        return line;
    }
}
