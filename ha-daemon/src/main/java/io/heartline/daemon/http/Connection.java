package io.heartline.daemon.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One client of an {@link HttpServer}, touched only by the server's thread: first it reads its
 * request head ({@link Phase#READING}), then it only writes: nothing more is read, so a body or a
 * pipelined request stays in the kernel until the connection is closed. It writes one answer
 * ({@link Phase#WRITING}), perhaps after waiting for it ({@link Phase#WAITING}), or a stream of
 * events ({@link Phase#STREAMING}) until the stream's lifetime ends.
 *
 * <p>One deadline at a time: the head must arrive by it, the deferred answer must be ready by it,
 * then the pending output must be taken by it. Output is a queue of buffers written as the socket
 * accepts them; while streaming, the deadline is re-armed whenever the queue goes from empty to
 * non-empty, and is the end of the stream's lifetime while nothing waits.
 */
final class Connection {
    enum Phase { READING, WAITING, WRITING, STREAMING }

    final SocketChannel channel;
    final SelectionKey key;
    final HeadReader head;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private Phase phase = Phase.READING;
    private long deadline;
    /** While streaming: what, the last event queued, and when the stream ends. */
    private EventStream stream;
    private long sentSeq;
    private long streamEnds;
    private int ignored;

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

    /** Stops reading; the answer must be ready by {@code until}. */
    void await(long until) {
        phase = Phase.WAITING;
        deadline = until;
        key.interestOps(0);
    }

    /**
     * From now on this connection streams {@code s} until {@code ends}, and is read again, but only
     * to see the client go (end of stream): what it sends is counted and thrown away.
     */
    void stream(EventStream s, long ends) {
        phase = Phase.STREAMING;
        stream = s;
        streamEnds = ends;
        deadline = ends;
        key.interestOps(idleOps());
    }

    /** Bytes a streaming client sent after its request: at most a head's worth is tolerated. */
    int ignored(int more) {
        ignored += more;
        return ignored;
    }

    EventStream stream() {
        return stream;
    }

    long sentSeq() {
        return sentSeq;
    }

    void sent(long seq) {
        sentSeq = seq;
    }

    /** Nothing waits to be written. */
    boolean idle() {
        return out.isEmpty();
    }

    /** Stops reading and queues {@code buffers}; they must be written by {@code until}. */
    void queue(List<ByteBuffer> buffers, long until) {
        if (out.isEmpty()) {
            deadline = until;
        }
        if (phase != Phase.STREAMING) {
            phase = Phase.WRITING;
        }
        out.addAll(buffers);
        key.interestOps(idleOps() | SelectionKey.OP_WRITE);
    }

    private int idleOps() {
        return phase == Phase.STREAMING ? SelectionKey.OP_READ : 0;
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
                key.interestOps(idleOps() | SelectionKey.OP_WRITE);
                return false;
            }
            out.poll();
        }
        key.interestOps(idleOps());
        if (phase == Phase.STREAMING) {
            deadline = streamEnds;
        }
        return true;
    }
}
