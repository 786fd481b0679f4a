package io.heartline.daemon.control;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection, touched only by the selector thread: its request buffer (small at first,
 * grown to the limit only for a long request), its answer, and the time by which it must be done.
 */
final class Connection {
    /** Where a connection is in its one request and one answer. */
    enum Phase {
        /** Reading the request line; must be complete by the deadline. */
        READING,
        /** The request is with its handler; no deadline here (the handler bounds its own waits). */
        ANSWERING,
        /** Writing the answer; the client must take it by the deadline. */
        WRITING,
        /** Writing an error for an over-long request while discarding the rest of it, so the client reads the error. */
        REFUSING
    }

    /** At most this much of an over-long request is read and discarded before the connection is closed. */
    static final int DISCARD_LIMIT = 1 << 20;

    final SocketChannel channel;
    SelectionKey key;
    Phase phase = Phase.READING;
    ByteBuffer in;
    /** Bytes of {@link #in} already searched for the newline. */
    int scanned;
    ByteBuffer out;
    long deadline;
    int discarded;
    boolean inputDone;
    boolean closed;

    Connection(SocketChannel channel, int initialBuffer, long deadline) {
        this.channel = channel;
        this.in = ByteBuffer.allocate(initialBuffer);
        this.deadline = deadline;
    }

    /** The index of the first newline read so far, or -1. */
    int newline() {
        for (int i = scanned; i < in.position(); i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        scanned = in.position();
        return -1;
    }

    /** The first {@code n} bytes read. */
    byte[] line(int n) {
        byte[] b = new byte[n];
        in.get(0, b);
        return b;
    }

    /** A buffer twice as big, at most {@code max} bytes, holding what was read. */
    void grow(int max) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(max, in.capacity() * 2));
        in.flip();
        bigger.put(in);
        in = bigger;
    }
}
