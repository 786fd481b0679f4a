package io.heartline.daemon.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an {@link HttpServer} counts, under a prefix such as {@code heartline.metrics.http}:
 *
 * <ul>
 *   <li>{@code <prefix>.requests{status}}: answers sent, by status code (every status the server can
 *       send exists from the start at 0; 408 and 503 are counted here too);</li>
 *   <li>{@code <prefix>.connections.refused}: connections over the cap (answered 503 and closed);</li>
 *   <li>{@code <prefix>.timeouts{phase}}: connections closed for being slow, {@code read} (the head
 *       did not arrive in time), {@code wait} (a deferred answer was not ready in time: 503) or
 *       {@code write} (the client did not take the answer, or a streamed event, in time);</li>
 *   <li>{@code <prefix>.connections}: a gauge of the connections open now;</li>
 *   <li>{@code <prefix>.streams}: a gauge of the event-stream clients among them;</li>
 *   <li>{@code <prefix>.received} (bytes): what the server read from its clients;</li>
 *   <li>{@code <prefix>.errors}: unexpected exceptions caught in the server's loop or a handler (a bug).</li>
 * </ul>
 */
public final class HttpMeters {
    private static final int[] STATUSES = {200, 400, 404, 405, 408, 413, 431, 500, 503, 505};

    private final MeterRegistry registry;
    private final String prefix;
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();
    private final Counter refused;
    private final Counter readTimeouts;
    private final Counter waitTimeouts;
    private final Counter writeTimeouts;
    private final Counter received;
    private final Counter errors;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();

    public HttpMeters(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        for (int status : STATUSES) {
            answered(status, false);
        }
        refused = Counter.builder(prefix + ".connections.refused")
                .description("Connections over the cap, answered 503 and closed").register(registry);
        readTimeouts = timeouts("read");
        waitTimeouts = timeouts("wait");
        writeTimeouts = timeouts("write");
        received = Counter.builder(prefix + ".received").baseUnit("bytes")
                .description("Bytes read from clients").register(registry);
        errors = Counter.builder(prefix + ".errors")
                .description("Unexpected exceptions in the server loop or a handler").register(registry);
        Gauge.builder(prefix + ".connections", open, AtomicInteger::get).description("Connections open now")
                .strongReference(true).register(registry);
        Gauge.builder(prefix + ".streams", streams, AtomicInteger::get).description("Event-stream clients connected now")
                .strongReference(true).register(registry);
    }

    private Counter timeouts(String phase) {
        return Counter.builder(prefix + ".timeouts").tag("phase", phase)
                .description("Connections closed for being slow (read: the head, wait: the answer, write: sending it)")
                .register(registry);
    }

    void answered(int status) {
        answered(status, true);
    }

    private void answered(int status, boolean count) {
        Counter c = byStatus.computeIfAbsent(status, s -> Counter.builder(prefix + ".requests")
                .tag("status", Integer.toString(s)).description("Answers sent, by status code").register(registry));
        if (count) {
            c.increment();
        }
    }

    void refused() {
        refused.increment();
    }

    void timedOut(Connection.Phase phase) {
        switch (phase) {
            case READING -> readTimeouts.increment();
            case WAITING -> waitTimeouts.increment();
            case WRITING, STREAMING -> writeTimeouts.increment();
        }
    }

    void streamOpened() {
        streams.incrementAndGet();
    }

    void streamClosed() {
        streams.decrementAndGet();
    }

    void received(int bytes) {
        received.increment(bytes);
    }

    void error() {
        errors.increment();
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }
}
