package io.heartline.daemon.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One client of an {@link HttpServer}, touched only by the server's thread: first it reads its
 * request head ({@link Phase#READING}), then it only writes ({@link Phase#WRITING}): nothing more
 * is read, so a body or a pipelined request stays in the kernel until the connection is closed.
 *
 * <p>One deadline at a time: the head must arrive by it, then the pending output must be taken by
 * it. Output is a queue of buffers written as the socket accepts them, so a response made of parts
 * (a stream of server-sent events) could be queued piece by piece with the deadline re-armed
 * whenever the queue goes from empty to non-empty.
 */
final class Connection {
    enum Phase { READING, WRITING }

    final SocketChannel channel;
    final SelectionKey key;
    final HeadReader head;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private Phase phase = Phase.READING;
    private long deadline;

    Connection(SocketChannel channel, SelectionKey key, HeadReader head, long deadline) {
        this.channel = channel;
        this.key = key;
        this.head = head;
        this.deadline = deadline;
    }

    Phase phase() {
        return phase;
    }

    long deadline() {
        return deadline;
    }

    /** Stops reading and queues {@code buffers}; they must be written by {@code until}. */
    void queue(List<ByteBuffer> buffers, long until) {
        if (out.isEmpty()) {
            deadline = until;
        }
        phase = Phase.WRITING;
        out.addAll(buffers);
        key.interestOps(SelectionKey.OP_WRITE);
    }

    /**
     * Writes what the socket takes now, without blocking.
     *
     * @return true when nothing is left to write
     */
    boolean flush() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer b = out.peek();
            channel.write(b);
            if (b.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return false;
            }
            out.poll();
        }
        key.interestOps(0);
        return true;
    }
}
