package io.heartline.heartbeat;

import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Reads big-endian fields from a slice of a byte array, rejecting (as {@link Reason#MALFORMED})
 * any read past the end of the slice. Reused across frames; not thread-safe.
 */
final class FrameReader {
    private byte[] buf;
    private int pos;
    private int end;

    void reset(byte[] buf, int off, int end) {
        this.buf = buf;
        this.pos = off;
        this.end = end;
    }

    int remaining() {
        return end - pos;
    }

    int u8(String field) throws BeaconRejectedException {
        need(1, field);
        return buf[pos++] & 0xff;
    }

    int u16(String field) throws BeaconRejectedException {
        need(2, field);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    long i64(String field) throws BeaconRejectedException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    /** A string of one length byte and that many UTF-8 bytes, at most {@code max} of them. */
    String str8(int max, String field) throws BeaconRejectedException {
        int n = u8(field);
        if (n > max) {
            throw malformed(field + " is " + n + " bytes long; at most " + max + " allowed");
        }
        need(n, field);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    static BeaconRejectedException malformed(String message) {
        return new BeaconRejectedException(Reason.MALFORMED, message);
    }

    private void need(int n, String field) throws BeaconRejectedException {
        if (end - pos < n) {
            throw malformed("frame ends inside " + field);
        }
    }
}
