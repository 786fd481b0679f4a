package io.heartline.daemon.http;

import io.heartline.core.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on one thread and one selector, bounded whatever its clients do
 * (see {@link HttpLimits}): at most {@code maxConnections} connections, each with a head buffer of at
 * most {@code maxHeadBytes} and one deadline; a request body is never read (the request is a 413).
 * GET and HEAD only, one route per path ({@link Routes}); every response ends with
 * {@code Connection: close}.
 *
 * <pre>
 *  accept ── over the cap? ──yes──▶ 503 Retry-After: 1, close
 *    │ no
 *    ▼
 *  READING head ── deadline ──▶ 408, close          (timeouts{phase=read})
 *    │ bad line / too big / body announced / EOF ──▶ 400 | 505 | 431 | 413, close
 *    │ head complete: route
 *    ├─ now: handler on this thread ─────────────────────────────┐
 *    ├─ later: WAITING for the future ── deadline ──▶ 503 ───────┤ (timeouts{phase=wait})
 *    │                                  └─ done ─────────────────┤
 *    │                                                           ▼
 *    │                                  WRITING answer ── deadline ──▶ close   (timeouts{phase=write})
 *    │                                    │ all written ──▶ close
 *    └─ stream: all places taken? ──yes──▶ 503 Retry-After: 1
 *         │ no
 *         ▼
 *       STREAMING: the newest event whenever the last one was taken
 *         ├─ an event not taken by the deadline ──▶ close   (timeouts{phase=write})
 *         └─ lifetime over ──▶ close (the browser reconnects)
 * </pre>
 *
 * Time comes from the injected {@link Clock}; deadlines are checked after every select, and a
 * select waits at most {@value #TICK_MILLIS} ms, so a virtual clock that jumps is noticed too.
 */
public final class HttpServer implements AutoCloseable {
    static final long TICK_MILLIS = 100;
    private static final int BACKLOG = 64;
    /**
     * Accepts per wakeup, so a connect flood cannot starve the clients already in, nor fill every
     * slot in one burst before the EOFs of clients that connect and go are read: the rest wait in
     * the listen backlog (first come, first served) rather than get a 503.
     */
    private static final int ACCEPT_BURST = 8;
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final InetSocketAddress address;
    private final Routes routes;
    private final HttpLimits limits;
    private final long timeoutNanos;
    private final Clock clock;
    private final HttpMeters meters;
    private final String notFound;
    /** The open connections; the loop's thread only. */
    private final List<Connection> open = new ArrayList<>();
    /** Deferred answers that are ready, from whichever thread completed them; at most one per request. */
    private final Queue<Ready> ready = new ConcurrentLinkedQueue<>();
    /** Connections streaming events now; the loop's thread only. */
    private int streaming;
    /** Where what a streaming client sends after its request goes, to be thrown away. */
    private final ByteBuffer scratch = ByteBuffer.allocate(512);
    private final Thread thread;
    private volatile boolean closing;
    private boolean acceptPaused;
    private long acceptResumesAt;

    /** A deferred answer for a connection that waits for it. */
    private record Ready(Connection connection, Response response, boolean head) {
    }

    private HttpServer(ServerSocketChannel listener, Selector selector, Routes routes, HttpLimits limits,
                       Clock clock, HttpMeters meters, String threadName) throws IOException {
        this.listener = listener;
        this.selector = selector;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.routes = routes;
        this.limits = limits;
        this.timeoutNanos = limits.timeout().toNanos();
        this.clock = clock;
        this.meters = meters;
        this.notFound = "not found; try GET " + String.join(" or GET ", routes.paths());
        this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Binds {@code listen} and starts serving {@code routes} (path → handler of GET and HEAD) on a
     * thread of its own named {@code threadName}.
     *
     * @throws java.net.BindException when the address is in use or not local
     */
    public static HttpServer start(String threadName, InetSocketAddress listen, Map<String, Handler> routes,
                                   HttpLimits limits, Clock clock, HttpMeters meters) throws IOException {
        return start(threadName, listen, Routes.of(routes), limits, clock, meters);
    }

    /**
     * Binds {@code listen} and starts serving {@code routes} on a thread of its own named
     * {@code threadName}. Each of the routes' event streams is served by this server only.
     *
     * @throws java.net.BindException when the address is in use or not local
     */
    public static HttpServer start(String threadName, InetSocketAddress listen, Routes routes,
                                   HttpLimits limits, Clock clock, HttpMeters meters) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        Selector selector = null;
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(listen, BACKLOG);
            listener.configureBlocking(false);
            selector = Selector.open();
            HttpServer server = new HttpServer(listener, selector, routes, limits, clock, meters, threadName);
            attach(routes.streams(), server.selector);
            server.thread.start();
            return server;
        } catch (IOException | RuntimeException e) {
            listener.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** Each stream wakes {@code selector} when it has an event; a stream already served elsewhere is refused. */
    private static void attach(List<EventStream> streams, Selector selector) {
        for (EventStream s : streams) {
            if (s.attached()) {
                throw new IllegalStateException("this event stream is already served by another server");
            }
        }
        streams.forEach(s -> s.attach(selector::wakeup));
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** Stops accepting, closes every connection and waits (a little) for the thread to end. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    turn();
                } catch (IOException | RuntimeException e) {
                    meters.error();
                    log.warn("http server on {}: unexpected failure, carrying on", address, e);
                }
            }
        } finally {
            routes.streams().forEach(EventStream::detach);
            for (Connection c : List.copyOf(open)) {
                close(c);
            }
            closeQuietly(listener);
            closeQuietly(selector);
        }
    }

    private void turn() throws IOException {
        long now = clock.monotonicNanos();
        long waitMillis = TICK_MILLIS;
        for (Connection c : open) {
            waitMillis = Math.min(waitMillis, TimeUnit.NANOSECONDS.toMillis(c.deadline() - now) + 1);
        }
        selector.select(Math.max(1, waitMillis));
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key == acceptKey) {
                accept();
            } else {
                step((Connection) key.attachment(), key.readyOps());
            }
        }
        answerReady();
        pumpStreams();
        expire(clock.monotonicNanos());
    }

    private void accept() {
        for (int i = 0; i < ACCEPT_BURST; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                // out of file descriptors, most likely: stop accepting for a tick instead of spinning on it
                if (!acceptPaused) {
                    log.warn("http server on {}: accept failed ({}); pausing accepts", address, e.toString());
                }
                acceptPaused = true;
                acceptResumesAt = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                acceptKey.interestOps(0);
                return;
            }
            if (ch == null) {
                return;
            }
            if (open.size() >= limits.maxConnections()) {
                refuse(ch);
            } else {
                admit(ch);
            }
        }
    }

    private void refuse(SocketChannel ch) {
        meters.refused();
        try {
            ch.configureBlocking(false);
        } catch (IOException e) {
            closeQuietly(ch);
            return;
        }
        answerOnce(ch, Response.text(503, "too many connections (" + limits.maxConnections() + "); try again")
                .withHeader("Retry-After", "1"));
    }

    private void admit(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            Connection c = new Connection(ch, key,
                    new HeadReader(HttpLimits.INITIAL_HEAD_BUFFER, limits.maxHeadBytes()),
                    clock.monotonicNanos() + timeoutNanos);
            key.attach(c);
            open.add(c);
            meters.opened();
        } catch (IOException e) {
            log.debug("http client went away before it was admitted: {}", e.toString());
            closeQuietly(ch);
        }
    }

    private void step(Connection c, int ready) {
        try {
            if (c.phase() == Connection.Phase.READING) {
                read(c);
            } else if (c.phase() == Connection.Phase.STREAMING) {
                if ((ready & SelectionKey.OP_READ) != 0 && !clientStillThere(c)) {
                    close(c);
                } else if ((ready & SelectionKey.OP_WRITE) != 0) {
                    c.flush();
                }
            } else if (c.flush()) {
                close(c);
            }
        } catch (IOException e) {
            log.debug("http client went away: {}", e.toString());
            close(c);
        } catch (RuntimeException e) {
            meters.error();
            log.warn("http server on {}: unexpected failure with a client, closing it", address, e);
            close(c);
        }
    }

    private void read(Connection c) throws IOException {
        Request request;
        try {
            HeadReader.Progress p = c.head.read(c.channel, meters::received);
            if (p == HeadReader.Progress.MORE) {
                return;
            }
            if (p == HeadReader.Progress.END_OF_STREAM) {
                if (c.head.anyBytes()) {
                    respond(c, Response.text(400, "the request head ended before its empty line"), false);
                } else {
                    close(c);
                }
                return;
            }
            request = c.head.request();
        } catch (Rejection r) {
            respond(c, Response.text(r.status(), r.getMessage()), false);
            return;
        }
        serve(c, request);
    }

    private void serve(Connection c, Request r) throws IOException {
        Routes.Route route = routes.get(r.path());
        if (route == null) {
            respond(c, Response.text(404, notFound), r.isHead());
        } else if (!r.method().equals("GET") && !r.isHead()) {
            respond(c, Response.text(405, r.method() + " is not served here; GET or HEAD").withHeader("Allow", "GET, HEAD"),
                    false);
        } else if (route instanceof Routes.Now now) {
            respond(c, answerNow(now.handler(), r), r.isHead());
        } else if (route instanceof Routes.Later later) {
            answerLater(c, later.handler(), r);
        } else {
            subscribe(c, ((Routes.Stream) route).stream(), r.isHead());
        }
    }

    private Response answerNow(Handler h, Request r) {
        try {
            return h.handle(r);
        } catch (RuntimeException e) {
            return failed(r, e);
        }
    }

    private Response failed(Request r, Throwable e) {
        meters.error();
        log.warn("http server on {}: the handler of {} failed", address, r.path(), e);
        return Response.text(500, "internal error");
    }

    /** Waits (without blocking this thread) for the handler's future; {@link #answerReady} sends it. */
    private void answerLater(Connection c, DeferredHandler h, Request r) throws IOException {
        CompletableFuture<Response> f;
        try {
            f = h.handle(r);
        } catch (RuntimeException e) {
            respond(c, failed(r, e), r.isHead());
            return;
        }
        c.await(clock.monotonicNanos() + timeoutNanos);
        f.whenComplete((response, e) -> {
            ready.add(new Ready(c, response != null ? response : failed(r, e == null ? new NullPointerException() : e),
                    r.isHead()));
            selector.wakeup();
        });
    }

    private void answerReady() {
        for (Ready d; (d = ready.poll()) != null; ) {
            Connection c = d.connection();
            if (c.phase() != Connection.Phase.WAITING || !open.contains(c)) {
                continue; // timed out meanwhile: answered 503 already
            }
            try {
                respond(c, d.response(), d.head());
            } catch (IOException e) {
                log.debug("http client went away before its answer: {}", e.toString());
                close(c);
            }
        }
    }

    /** A client of an event stream: the head and the newest event now, later events as they come. */
    private void subscribe(Connection c, EventStream s, boolean head) throws IOException {
        long now = clock.monotonicNanos();
        if (head) {
            meters.answered(200);
            c.queue(List.of(ByteBuffer.wrap(s.head())), now + timeoutNanos);
            if (c.flush()) {
                close(c);
            }
            return;
        }
        if (!s.tryJoin()) {
            respond(c, Response.text(503, "too many event streams (" + s.maxSubscribers() + "); try again")
                    .withHeader("Retry-After", "1"), false);
            return;
        }
        meters.answered(200);
        meters.streamOpened();
        streaming++;
        c.stream(s, now + s.lifetime().toNanos());
        c.queue(List.of(ByteBuffer.wrap(s.head())), now + timeoutNanos);
        pump(c, now);
        c.flush();
    }

    /** A streaming client is read only to see it go; false when it went or sends more than a head's worth. */
    private boolean clientStillThere(Connection c) throws IOException {
        int n = c.channel.read(scratch.clear());
        if (n > 0) {
            meters.received(n);
        }
        return n >= 0 && c.ignored(Math.max(0, n)) <= limits.maxHeadBytes();
    }

    private void pumpStreams() {
        if (streaming == 0) {
            return;
        }
        long now = clock.monotonicNanos();
        for (Connection c : List.copyOf(open)) {
            if (c.phase() == Connection.Phase.STREAMING && c.idle()) {
                try {
                    pump(c, now);
                    c.flush();
                } catch (IOException e) {
                    log.debug("http event stream client went away: {}", e.toString());
                    close(c);
                }
            }
        }
    }

    /** Queues the stream's newest event unless this client has it already. */
    private void pump(Connection c, long now) {
        EventStream.Frame f = c.stream().latest();
        if (f != null && f.seq() > c.sentSeq()) {
            c.sent(f.seq());
            c.queue(List.of(ByteBuffer.wrap(f.bytes())), now + timeoutNanos);
        }
    }

    private void respond(Connection c, Response response, boolean head) throws IOException {
        meters.answered(response.status());
        c.queue(List.of(response.encode(head)), clock.monotonicNanos() + timeoutNanos);
        if (c.flush()) {
            close(c);
        }
    }

    private void expire(long now) {
        if (acceptPaused && now - acceptResumesAt >= 0) {
            acceptPaused = false;
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        for (Connection c : List.copyOf(open)) {
            if (now - c.deadline() < 0) {
                continue;
            }
            switch (c.phase()) {
                case READING -> {
                    meters.timedOut(c.phase());
                    c.key.cancel();
                    open.remove(c);
                    meters.closed();
                    answerOnce(c.channel, Response.text(408, "the request head did not arrive in "
                            + limits.timeout().toMillis() + " ms"));
                }
                case WAITING -> {
                    meters.timedOut(c.phase());
                    try {
                        respond(c, Response.text(503, "the answer was not ready in " + limits.timeout().toMillis()
                                + " ms; try again").withHeader("Retry-After", "1"), false);
                    } catch (IOException e) {
                        close(c);
                    }
                }
                case WRITING -> {
                    meters.timedOut(c.phase());
                    close(c);
                }
                case STREAMING -> {
                    if (!c.idle()) {
                        meters.timedOut(Connection.Phase.WRITING); // an event not taken in time
                    }
                    close(c); // or its lifetime is over: the browser reconnects
                }
            }
        }
    }

    /** One try at a short answer on a non-blocking channel, then close: for clients not worth more. */
    private void answerOnce(SocketChannel ch, Response response) {
        meters.answered(response.status());
        try (ch) {
            ch.write(response.encode(false));
        } catch (IOException e) {
            log.debug("http client went away before its {}: {}", response.status(), e.toString());
        }
    }

    private void close(Connection c) {
        if (open.remove(c)) {
            meters.closed();
            if (c.phase() == Connection.Phase.STREAMING) {
                c.stream().left();
                meters.streamClosed();
                streaming--;
            }
        }
        c.key.cancel();
        closeQuietly(c.channel);
    }

    private static void closeQuietly(AutoCloseable a) {
        try {
            a.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", a, e.toString());
        }
    }
}
