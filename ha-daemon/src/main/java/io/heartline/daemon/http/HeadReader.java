package io.heartline.daemon.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Collects one request head from a non-blocking channel: a small buffer that doubles on demand up
 * to the head limit, scanned for the empty line that ends the head. Bytes after that line (a body,
 * a pipelined request) are never asked for beyond what one read into the buffer brings.
 */
final class HeadReader {
    /** What {@link #read} found. */
    enum Progress { MORE, COMPLETE, END_OF_STREAM }

    private final int max;
    private ByteBuffer buf;
    /** Where the next unscanned byte is, where the current line starts, where the request line starts. */
    private int scanned;
    private int lineStart;
    private int headStart;
    private boolean requestLineSeen;
    private int headEnd = -1;

    HeadReader(int initial, int max) {
        this.max = max;
        this.buf = ByteBuffer.allocate(Math.min(initial, max));
    }

    /**
     * Reads what the channel has (one read) and scans it.
     *
     * @return COMPLETE once the head's empty line has arrived, END_OF_STREAM when the peer closed first
     * @throws Rejection 431 when the head outgrows the limit, 400/505 for a bad request line
     */
    Progress read(ReadableByteChannel ch, ByteCount received) throws IOException, Rejection {
        int n = ch.read(buf);
        if (n < 0) {
            return Progress.END_OF_STREAM;
        }
        received.add(n);
        if (scan()) {
            return Progress.COMPLETE;
        }
        if (!buf.hasRemaining()) {
            if (buf.capacity() >= max) {
                throw new Rejection(431, "request head larger than " + max + " bytes");
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(max, buf.capacity() * 2));
            buf.flip();
            buf = bigger.put(buf);
        }
        return Progress.MORE;
    }

    private boolean scan() throws Rejection {
        byte[] b = buf.array();
        int end = buf.position();
        for (; scanned < end; scanned++) {
            if (b[scanned] != '\n') {
                continue;
            }
            boolean empty = scanned == lineStart || (scanned == lineStart + 1 && b[lineStart] == '\r');
            if (empty && !requestLineSeen) {
                headStart = scanned + 1; // an empty line before the request line is ignored (RFC 9112 §2.2)
            } else if (empty) {
                headEnd = ++scanned;
                return true;
            } else if (!requestLineSeen) {
                requestLineSeen = true;
                RequestParser.checkRequestLine(b, lineStart, scanned);
            }
            lineStart = scanned + 1;
        }
        return false;
    }

    /** Whether any byte arrived (an empty connection that closes gets no answer). */
    boolean anyBytes() {
        return buf.position() > 0;
    }

    /** The complete head, parsed. */
    Request request() throws Rejection {
        if (headEnd < 0) {
            throw new IllegalStateException("head not complete");
        }
        return RequestParser.parse(buf.array(), headStart, headEnd);
    }

    int capacity() {
        return buf.capacity();
    }

    /** Counts bytes received from clients (a meter in the server). */
    interface ByteCount {
        void add(int bytes);
    }
}
