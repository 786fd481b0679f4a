package io.heartline.heartbeat;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Puts one frame (a signed beacon from {@link BeaconCodec}) on a byte stream such as a serial
 * line, so that a reader can always find the next frame again after line noise, a half frame or a
 * damaged byte ({@link SerialDeframer}):
 *
 * <pre>
 *  0x00 | COBS( payload | CRC-32 of payload, 4 bytes big-endian ) | 0x00
 * </pre>
 *
 * <p>COBS (Consistent Overhead Byte Stuffing, Cheshire and Baker 1999) removes every zero byte
 * from what it encodes, at a cost of one byte per 254 plus one. A zero byte on the line is
 * therefore always a frame boundary: there is no length field that damage could make a reader
 * trust. Each frame starts with a zero as well as ending with one, so a half frame before it is
 * cut off there and never swallows it. The CRC is the IEEE 802.3 one ({@link CRC32}); it
 * catches line damage, while the beacon's own HMAC still decides what is authentic. A payload is
 * never empty: the CRC-32 of nothing is 0, so an empty frame would be {@code 00 01 01 01 01 01 00},
 * which line noise produces easily.
 *
 * <p>An instance keeps its output buffer and CRC between calls, so that framing allocates
 * nothing. Not thread-safe: one sender thread at a time.
 */
public final class SerialFramer {
    /** The byte that separates frames; it never occurs inside one. */
    public static final byte DELIMITER = 0;
    public static final int CRC_LENGTH = 4;
    /** Smallest payload (see above). */
    public static final int MIN_PAYLOAD = 1;
    /** Largest payload: the largest beacon frame. */
    public static final int MAX_PAYLOAD = BeaconCodec.MAX_FRAME;
    /** COBS code bytes and plain bytes never exceed this many in a row without a new code byte. */
    static final int MAX_BLOCK = 0xFF;

    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[maxEncodedLength(MAX_PAYLOAD)];
    private int pos;
    private int codeAt;
    private int code;

    /** The most bytes a payload of {@code payloadLength} bytes takes on the line, delimiters included. */
    public static int maxEncodedLength(int payloadLength) {
        int stuffed = payloadLength + CRC_LENGTH;
        return 1 + 1 + stuffed + stuffed / (MAX_BLOCK - 1) + 1;
    }

    /** The line bytes for {@code payload}, in a new array (for tools and tests). */
    public static byte[] frame(byte[] payload) {
        SerialFramer f = new SerialFramer();
        return Arrays.copyOf(f.buffer(), f.encode(payload, 0, payload.length));
    }

    /**
     * Frames {@code payload[off, off+len)} into {@link #buffer()}.
     *
     * @return how many bytes of {@link #buffer()} to send
     * @throws IllegalArgumentException if {@code len} is 0 or exceeds {@link #MAX_PAYLOAD}
     */
    public int encode(byte[] payload, int off, int len) {
        Objects.checkFromIndexSize(off, len, payload.length);
        if (len < MIN_PAYLOAD || len > MAX_PAYLOAD) {
            throw new IllegalArgumentException("frame of " + len + " bytes; " + MIN_PAYLOAD + " to " + MAX_PAYLOAD
                    + " fit");
        }
        crc.reset();
        crc.update(payload, off, len);
        long check = crc.getValue();
        pos = 0;
        buf[pos++] = DELIMITER;
        startBlock();
        for (int i = off; i < off + len; i++) {
            stuff(payload[i]);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            stuff((byte) (check >>> shift));
        }
        buf[codeAt] = (byte) code;
        buf[pos++] = DELIMITER;
        return pos;
    }

    /** The frame last encoded, valid from 0 to what {@link #encode} returned. */
    public byte[] buffer() {
        return buf;
    }

    private void stuff(byte b) {
        if (b == 0) {
            buf[codeAt] = (byte) code;
            startBlock();
            return;
        }
        buf[pos++] = b;
        if (++code == MAX_BLOCK) {
            buf[codeAt] = (byte) code;
            startBlock();
        }
    }

    private void startBlock() {
        codeAt = pos++;
        code = 1;
    }
}
