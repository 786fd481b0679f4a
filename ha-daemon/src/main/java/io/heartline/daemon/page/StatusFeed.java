package io.heartline.daemon.page;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.Clock;
import io.heartline.daemon.http.Request;
import io.heartline.daemon.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's data as one JSON snapshot: {@code status} (the result of {@code hactl status}, or null
 * with {@code status_error}), {@code events} (the last {@value #EVENTS_SHOWN}, oldest first, with
 * {@code events_error}), {@code witness} (null: Heartline has no witness or quorum device) and
 * {@code page_time}.
 *
 * <p>Served two ways: {@link #json} for one request, and every {@value #PERIOD_MILLIS} ms to the
 * event stream while it has subscribers (nothing is built while no one watches). The status
 * comes from the event loop as a future; the snapshot is built on this feed's own executor, where
 * the journal is read too, so neither the loop nor the HTTP server's thread waits for a disk. At
 * most one snapshot for the stream is in the making, and at most {@value #MAX_PENDING} for single
 * requests (more are answered 503 at once).
 */
final class StatusFeed {
    static final long PERIOD_MILLIS = 250;
    static final int EVENTS_SHOWN = 20;
    static final int MAX_PENDING = 16;
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(StatusFeed.class);
    /** Nulls are written: a group without an owner says {@code "owner":null}. */
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private final PageSources sources;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final IntSupplier watchers;
    private final Consumer<byte[]> publish;
    private final EventTail tail;
    private final AtomicInteger pending = new AtomicInteger();
    /** A snapshot for the stream is being built; the executor's thread only. */
    private boolean building;
    private boolean failedBefore;

    /**
     * @param watchers how many watch the stream now
     * @param publish  sends a snapshot to them (called on {@code executor})
     */
    StatusFeed(PageSources sources, Clock clock, ScheduledExecutorService executor, IntSupplier watchers,
               Consumer<byte[]> publish) {
        this.sources = sources;
        this.clock = clock;
        this.executor = executor;
        this.watchers = watchers;
        this.publish = publish;
        this.tail = new EventTail(sources, EVENTS_SHOWN);
    }

    /** Starts the ticks that publish to the stream while it has subscribers. */
    void start() {
        schedule();
    }

    private void schedule() {
        try {
            executor.schedule(this::tick, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("status page stopped");
        }
    }

    private void tick() {
        try {
            publishOnce();
        } finally {
            schedule();
        }
    }

    /** A snapshot for the stream if someone watches and none is in the making. The executor's thread. */
    void publishOnce() {
        if (watchers.getAsInt() <= 0 || building) {
            return;
        }
        building = true;
        snapshot().whenComplete(this::published);
    }

    /** Sends a snapshot to the stream; a failure is logged once until one succeeds again. */
    private void published(byte[] bytes, Throwable failure) {
        building = false;
        try {
            if (bytes == null) {
                throw new IllegalStateException("no snapshot", failure);
            }
            publish.accept(bytes);
            failedBefore = false;
        } catch (RuntimeException e) {
            if (!failedBefore) {
                failedBefore = true;
                log.warn("status page: a snapshot could not be sent to the stream", e);
            }
        }
    }

    /** {@code GET /status.json}: a fresh snapshot. Called on the HTTP server's thread; never blocks. */
    CompletableFuture<Response> json(Request request) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return CompletableFuture.completedFuture(Response.text(503, MAX_PENDING + " snapshots are being made; try again")
                    .withHeader("Retry-After", "1"));
        }
        return snapshot().handle((bytes, e) -> {
            pending.decrementAndGet();
            if (bytes == null) {
                throw new CompletionException(e);
            }
            return Response.ok(CONTENT_TYPE, bytes).withHeader("Cache-Control", "no-store")
                    .withHeader("X-Content-Type-Options", "nosniff");
        });
    }

    /** The snapshot, built on the executor once the loop has answered (or failed to). */
    CompletableFuture<byte[]> snapshot() {
        CompletableFuture<Map<String, Object>> status;
        try {
            status = sources.status();
        } catch (RuntimeException e) {
            status = CompletableFuture.failedFuture(e);
        }
        return status.handleAsync(this::build, executor);
    }

    private byte[] build(Map<String, Object> answer, Throwable failure) {
        tail.refresh();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page_time", clock.wallTime().toString());
        if (answer != null && Boolean.TRUE.equals(answer.get("ok"))) {
            m.put("status", answer.get("result"));
            m.put("status_error", null);
        } else {
            m.put("status", null);
            m.put("status_error", answer != null ? String.valueOf(answer.get("error"))
                    : "no status: " + (failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure));
        }
        m.put("events", tail.events());
        m.put("events_error", tail.error());
        m.put("witness", null);
        try {
            return WRITER.asBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
