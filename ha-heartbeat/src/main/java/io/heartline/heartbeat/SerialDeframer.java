package io.heartline.heartbeat;

import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Finds the frames of {@link SerialFramer} in a byte stream fed in chunks of any size: the bytes
 * between two zero bytes are one candidate frame, which is COBS-decoded and checked against its
 * CRC-32. Whatever fails (line noise, a half frame, a damaged byte, a run longer than any frame)
 * is dropped and counted, and the reader is back in step at the next zero byte. Two zero bytes in
 * a row are the normal gap between frames, not an error.
 *
 * <p>Counters: {@link #badFrames()} candidates dropped, {@link #garbageBytes()} the bytes in them
 * (zero bytes not included). The sink hears of each drop as well.
 *
 * <p>No input makes it throw. Memory is fixed at construction. Not thread-safe: one reader.
 */
public final class SerialDeframer {

    /** Where the frames go. Called on the feeding thread; the buffer is reused after the call returns. */
    public interface Sink {
        /** One intact frame: its payload, CRC removed. */
        void frame(byte[] buf, int off, int len);

        /** One candidate frame of {@code bytes} bytes was dropped as damaged or garbage. */
        default void discarded(long bytes) {
        }
    }

    private final Sink sink;
    private final int maxPayload;
    private final byte[] chunk;
    private final byte[] decoded;
    private final CRC32 crc = new CRC32();
    private int chunkLength;
    /** Bytes of the current candidate beyond {@code chunk}: it is too long to be a frame. */
    private long overflow;
    private long frames;
    private long badFrames;
    private long garbageBytes;

    /** A deframer for payloads up to {@link SerialFramer#MAX_PAYLOAD} bytes. */
    public SerialDeframer(Sink sink) {
        this(SerialFramer.MAX_PAYLOAD, sink);
    }

    public SerialDeframer(int maxPayload, Sink sink) {
        if (maxPayload < 0 || maxPayload > SerialFramer.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload " + maxPayload + " not in [0, " + SerialFramer.MAX_PAYLOAD + "]");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.maxPayload = maxPayload;
        this.chunk = new byte[SerialFramer.maxEncodedLength(maxPayload) - 2];
        this.decoded = new byte[chunk.length];
    }

    /** Takes the next {@code len} bytes of the stream; calls the sink for each frame they complete. */
    public void feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b == SerialFramer.DELIMITER) {
                endCandidate();
            } else if (chunkLength < chunk.length) {
                chunk[chunkLength++] = b;
            } else {
                overflow++;
            }
        }
    }

    /** Drops a half-received frame (the stream broke off); it counts as a bad frame. */
    public void reset() {
        long bytes = chunkLength + overflow;
        clear();
        if (bytes > 0) {
            bad(bytes);
        }
    }

    public long frames() {
        return frames;
    }

    public long badFrames() {
        return badFrames;
    }

    public long garbageBytes() {
        return garbageBytes;
    }

    private void endCandidate() {
        long bytes = chunkLength + overflow;
        if (bytes == 0) {
            return;
        }
        int n = overflow == 0 ? unstuff() : -1;
        clear();
        int payload = n - SerialFramer.CRC_LENGTH;
        if (payload >= SerialFramer.MIN_PAYLOAD && payload <= maxPayload && crcMatches(n)) {
            frames++;
            sink.frame(decoded, 0, payload);
        } else {
            bad(bytes);
        }
    }

    /** COBS-decodes the candidate into {@code decoded}; its length, or -1 if a block runs past the end. */
    private int unstuff() {
        int in = 0;
        int out = 0;
        while (in < chunkLength) {
            int code = chunk[in++] & 0xff;
            int end = in + code - 1;
            if (end > chunkLength) {
                return -1;
            }
            System.arraycopy(chunk, in, decoded, out, code - 1);
            out += code - 1;
            in = end;
            if (code < SerialFramer.MAX_BLOCK && in < chunkLength) {
                decoded[out++] = 0;
            }
        }
        return out;
    }

    private boolean crcMatches(int n) {
        int payload = n - SerialFramer.CRC_LENGTH;
        crc.reset();
        crc.update(decoded, 0, payload);
        long sent = 0;
        for (int i = payload; i < n; i++) {
            sent = (sent << 8) | (decoded[i] & 0xff);
        }
        return sent == crc.getValue();
    }

    private void bad(long bytes) {
        badFrames++;
        garbageBytes += bytes;
        sink.discarded(bytes);
    }

    private void clear() {
        chunkLength = 0;
        overflow = 0;
    }
}
