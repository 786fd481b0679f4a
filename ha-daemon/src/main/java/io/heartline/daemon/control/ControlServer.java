package io.heartline.daemon.control;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.Clock;
import io.heartline.core.control.Answers;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket on one selector thread ({@code heartline-control}): one JSON request line per
 * connection, one JSON answer line back, {@code {"cmd":"status"}} → {@code {"ok":true,"result":{...}}}
 * or {@code {"ok":false,"error":"..."}}. Every resource a client can make it hold is bounded by
 * {@link ControlSettings}:
 * <ul>
 *   <li>at most {@code maxConnections} open; one more is sent a "busy" line and closed;</li>
 *   <li>a request must arrive within {@code idleTimeout} of connecting, and the answer be taken within
 *       {@code idleTimeout} of being ready (deadlines on the injected {@link Clock}, checked at every
 *       wake-up of a select that waits at most {@value #TICK_MS} ms while a deadline is pending);</li>
 *   <li>a request is at most {@code maxRequestBytes}, read into a buffer of
 *       {@value ControlSettings#INITIAL_BUFFER} bytes that grows only as a long request needs; a longer
 *       one is answered with an error and closed.</li>
 * </ul>
 * The request goes to the {@link RequestHandler}, which answers with a future; when it completes the
 * answer comes back to this thread through a queue and {@link Selector#wakeup()}, and is written
 * without blocking. No thread is held per connection, and nothing a client does reaches the loop.
 */
public final class ControlServer implements AutoCloseable {
    static final long TICK_MS = 100;
    private static final long BUSY_LOG_EVERY_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final ControlSettings settings;
    private final Clock clock;
    private final RequestHandler handler;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private final AtomicInteger open = new AtomicInteger();
    /** Connections taken from the listen backlog per selector round at most. */
    static final int ACCEPTS_PER_ROUND = 8;
    private final AtomicLong refusedBusy = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private long busySinceLog;
    private long busyLoggedAt = Long.MIN_VALUE;
    private ServerSocketChannel server;
    private Selector selector;
    private Thread thread;
    private volatile boolean running;

    /** An answer ready for a connection, handed from the thread that completed it. */
    private record Answer(Connection connection, Map<String, Object> answer) {
    }

    public ControlServer(Path path, ControlSettings settings, Clock clock, RequestHandler handler) {
        this.path = path;
        this.settings = settings;
        this.clock = clock;
        this.handler = handler;
    }

    public void start() throws IOException {
        SocketFiles.prepare(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 128);
        SocketFiles.restrict(path);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        running = true;
        thread = new Thread(this::run, "heartline-control");
        thread.setDaemon(true);
        thread.start();
        log.info("control socket {} (at most {} connections, {} ms to send a request or take an answer, {} bytes a request)",
                path, settings.maxConnections(), settings.idleTimeout().toMillis(), settings.maxRequestBytes());
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Connections refused because {@code maxConnections} were open. */
    public long refusedBusy() {
        return refusedBusy.get();
    }

    /** Connections closed because the client was too slow to send its request or to take its answer. */
    public long timedOut() {
        return timedOut.get();
    }

    private void run() {
        while (running) {
            try {
                selector.select(selectTimeout());
                if (!running) {
                    break;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ready(key);
                }
                selector.selectedKeys().clear();
                for (Answer a; (a = answers.poll()) != null; ) {
                    answer(a.connection(), a.answer());
                }
                expire();
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // The control socket keeps serving: one bad moment must not take it down.
                log.error("control socket: {}", e.toString(), e);
            }
        }
    }

    /** Waits without end when no deadline is pending, otherwise at most {@value #TICK_MS} ms. */
    private long selectTimeout() {
        long now = clock.monotonicNanos();
        long earliest = Long.MAX_VALUE;
        for (Connection c : connections) {
            if (c.phase != Connection.Phase.ANSWERING) {
                earliest = Math.min(earliest, c.deadline - now);
            }
        }
        if (earliest == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, Math.min(TICK_MS, earliest / 1_000_000L));
    }

    private void ready(SelectionKey key) {
        if (key.channel() == server) {
            accept();
            return;
        }
        Connection c = (Connection) key.attachment();
        try {
            if (key.isValid() && key.isWritable()) {
                write(c);
            }
            if (!c.closed && key.isValid() && key.isReadable()) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("control client went away: {}", e.toString());
            close(c);
        }
    }

    /**
     * Takes at most {@link #ACCEPTS_PER_ROUND} connections from the kernel's queue per round, so that
     * a burst of clients that connect and go cannot fill every slot before their EOFs are read: the
     * rest wait in the listen backlog (their connect waits, first come first served) instead of
     * being refused "busy", which is kept for slots held by clients that stay.
     */
    private void accept() {
        for (int accepted = 0; accepted < ACCEPTS_PER_ROUND; accepted++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                log.warn("control socket accept failed: {}", e.toString());
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                if (connections.size() >= settings.maxConnections()) {
                    refuseBusy(ch);
                    continue;
                }
                Connection c = new Connection(ch, ControlSettings.INITIAL_BUFFER, deadline());
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                connections.add(c);
                open.set(connections.size());
            } catch (IOException e) {
                closeQuietly(ch);
            }
        }
    }

    /** Over the cap: one error line, whatever it sent discarded (so it reads the line, not a reset), closed. */
    private void refuseBusy(SocketChannel ch) {
        refusedBusy.incrementAndGet();
        try {
            ch.write(ByteBuffer.wrap(bytes(Answers.busy(connections.size()))));
            for (int i = 0; i < 16 && ch.read(scratch.clear()) > 0; i++) {
                // discard
            }
        } catch (IOException e) {
            // it left already
        }
        closeQuietly(ch);
        long now = clock.monotonicNanos();
        busySinceLog++;
        if (busyLoggedAt == Long.MIN_VALUE || now - busyLoggedAt >= BUSY_LOG_EVERY_NANOS) {
            log.warn("control socket busy: {} connections open (control.max-connections); {} refused since the last warning",
                    connections.size(), busySinceLog);
            busyLoggedAt = now;
            busySinceLog = 0;
        }
    }

    private void read(Connection c) throws IOException {
        if (c.phase == Connection.Phase.REFUSING) {
            discard(c);
            return;
        }
        if (c.phase != Connection.Phase.READING) {
            return;
        }
        int n = c.channel.read(c.in);
        if (n < 0) {
            if (c.in.position() == 0) {
                close(c); // connected and said nothing
            } else {
                dispatch(c, c.line(c.in.position())); // a last line without its newline
            }
            return;
        }
        int newline = c.newline();
        if (newline >= 0) {
            dispatch(c, c.line(newline));
        } else if (!c.in.hasRemaining()) {
            if (c.in.capacity() > settings.maxRequestBytes()) {
                refuseTooLong(c);
            } else {
                c.grow(settings.maxRequestBytes() + 1);
            }
        }
    }

    private void dispatch(Connection c, byte[] line) {
        c.phase = Connection.Phase.ANSWERING;
        c.in = null;
        c.key.interestOps(0);
        CompletableFuture<Map<String, Object>> answer;
        try {
            answer = handler.handle(line, () -> Caller.of(c.channel));
        } catch (RuntimeException e) {
            log.error("control request failed", e);
            answer = CompletableFuture.completedFuture(Answers.error("internal error: " + e));
        }
        if (answer.isDone()) { // a bad request, answered on this thread: no queue, no wake-up
            answer(c, answer.handle((a, e) -> a != null ? a : Answers.error("internal error: " + e)).join());
            return;
        }
        answer.whenComplete((a, e) -> {
            answers.add(new Answer(c, a != null ? a : Answers.error("internal error: " + e)));
            if (running) {
                selector.wakeup(); // after close() there is nobody left to answer
            }
        });
    }

    private void answer(Connection c, Map<String, Object> answer) {
        if (c.closed) {
            return;
        }
        String text = Answers.plainText(answer);
        c.out = ByteBuffer.wrap(text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes(answer));
        c.phase = Connection.Phase.WRITING;
        c.deadline = deadline();
        try {
            write(c);
        } catch (IOException e) {
            log.debug("control client went away before its answer: {}", e.toString());
            close(c);
        }
    }

    private void refuseTooLong(Connection c) throws IOException {
        c.phase = Connection.Phase.REFUSING;
        c.in = null;
        c.out = ByteBuffer.wrap(bytes(Answers.tooLong(settings.maxRequestBytes())));
        c.deadline = deadline();
        write(c);
        if (!c.closed) {
            discard(c);
        }
    }

    /** Reads what is left of an over-long request, up to its newline, at most {@value Connection#DISCARD_LIMIT} bytes. */
    private void discard(Connection c) throws IOException {
        while (!c.inputDone) {
            int n = c.channel.read(scratch.clear());
            if (n == 0) {
                break;
            }
            if (n < 0 || indexOfNewline(scratch) >= 0 || (c.discarded += n) > Connection.DISCARD_LIMIT) {
                c.inputDone = true;
            }
        }
        finishRefusal(c);
    }

    private void write(Connection c) throws IOException {
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_WRITE | (c.phase == Connection.Phase.REFUSING && !c.inputDone
                    ? SelectionKey.OP_READ : 0));
        } else if (c.phase == Connection.Phase.WRITING) {
            close(c);
        } else {
            finishRefusal(c);
        }
    }

    private void finishRefusal(Connection c) {
        if (c.inputDone && !c.out.hasRemaining()) {
            close(c);
        } else if (!c.closed) {
            c.key.interestOps((c.inputDone ? 0 : SelectionKey.OP_READ) | (c.out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
        }
    }

    /** Closes the connections past their deadline: a request not sent in time, an answer not taken. */
    private void expire() {
        long now = clock.monotonicNanos();
        for (Connection c : new ArrayList<>(connections)) {
            if (c.phase != Connection.Phase.ANSWERING && now - c.deadline >= 0) {
                timedOut.incrementAndGet();
                if (c.phase == Connection.Phase.READING) {
                    try {
                        c.channel.write(ByteBuffer.wrap(bytes(Answers.error("no request within "
                                + settings.idleTimeout().toMillis() + " ms (one JSON line, ended by a newline)"))));
                    } catch (IOException e) {
                        // it left already
                    }
                }
                close(c);
            }
        }
    }

    private long deadline() {
        return clock.monotonicNanos() + settings.idleTimeout().toNanos();
    }

    private void close(Connection c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        c.in = null;
        c.out = null;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
        connections.remove(c);
        open.set(connections.size());
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private static int indexOfNewline(ByteBuffer b) {
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(Map<String, Object> answer) {
        try {
            return (JSON.std.asString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.error("control answer cannot be written as JSON: {}", answer, e);
            return ("{\"ok\":false,\"error\":\"internal error: the answer cannot be written as JSON\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        running = false;
        if (selector != null) {
            selector.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection c : new ArrayList<>(connections)) {
            close(c);
        }
        try {
            if (server != null) {
                server.close();
            }
            if (selector != null) {
                selector.close();
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("closing control socket: {}", e.toString());
        }
        handler.close();
    }
}
