package io.heartline.heartbeat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes big-endian fields into a reusable, growing scratch buffer, so that encoding a beacon
 * allocates only its result. Not thread-safe.
 */
final class FrameWriter {
    private final int limit;
    private byte[] buf = new byte[512];
    private int pos;

    /** @param limit the largest frame it may hold, in bytes */
    FrameWriter(int limit) {
        this.limit = limit;
    }

    void reset() {
        pos = 0;
    }

    int position() {
        return pos;
    }

    /** The scratch buffer itself: valid from 0 to {@link #position()}. */
    byte[] buffer() {
        return buf;
    }

    /** Makes room for {@code n} more bytes and moves the position past them; returns their offset. */
    int skip(int n) {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** A string as one length byte and its UTF-8 bytes (at most 255); ASCII needs no allocation. */
    void str8(String s, String field) {
        int n = s.length();
        boolean ascii = n <= BeaconCodec.MAX_STRING_BYTES;
        for (int i = 0; ascii && i < n; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            ensure(1 + n);
            buf[pos++] = (byte) n;
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > BeaconCodec.MAX_STRING_BYTES) {
            throw new IllegalArgumentException(field + " is " + utf8.length + " bytes in UTF-8; at most "
                    + BeaconCodec.MAX_STRING_BYTES + " fit in a beacon: " + s);
        }
        u8(utf8.length);
        bytes(utf8);
    }

    private void ensure(int n) {
        int need = pos + n;
        if (need > limit) {
            throw new IllegalArgumentException("beacon does not fit in " + limit + " bytes");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(limit, Math.max(need, buf.length * 2)));
        }
    }
}
