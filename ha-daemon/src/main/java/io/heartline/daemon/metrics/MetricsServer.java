package io.heartline.daemon.metrics;

import io.heartline.core.Clock;
import io.heartline.daemon.http.HttpLimits;
import io.heartline.daemon.http.HttpMeters;
import io.heartline.daemon.http.HttpServer;
import io.heartline.daemon.http.Response;
import io.heartline.daemon.http.Routes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves {@code GET /metrics} (and HEAD) in the Prometheus text format on a bounded
 * {@link HttpServer} with one thread of its own: a scrape runs there, never on the event loop or a
 * heartbeat thread. Other paths are 404, other methods 405, a request with a body 413 (unread).
 * Bound to {@code metrics.listen} (loopback by default). The server counts its own answers,
 * refusals and timeouts as {@code heartline.metrics.http.*} on the same registry (see {@link HttpMeters}).
 * More routes (the status page) may share the listener and its bounds.
 */
public final class MetricsServer implements AutoCloseable {
    /** Prometheus text exposition format 0.0.4, what every Prometheus version scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String PATH = "/metrics";
    static final String METER_PREFIX = "heartline.metrics.http";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** {@link #start(InetSocketAddress, PrometheusMeterRegistry, HttpLimits, Clock)} with the default limits. */
    public static MetricsServer start(InetSocketAddress listen, PrometheusMeterRegistry registry) throws IOException {
        return start(listen, registry, HttpLimits.DEFAULT, Clock.system());
    }

    /**
     * Binds and starts serving {@code registry}.
     *
     * @param limits connections, timeout and head size ({@code metrics.max-connections}, {@code metrics.timeout})
     * @param clock  the time for the per-connection deadlines
     * @throws IOException naming {@code metrics.listen} and the address when it cannot be bound (in use, not local)
     */
    public static MetricsServer start(InetSocketAddress listen, PrometheusMeterRegistry registry, HttpLimits limits,
                                      Clock clock) throws IOException {
        return start(listen, registry, limits, clock, Routes.builder().build());
    }

    /**
     * Binds and starts serving {@code registry} and {@code more} routes (paths other than {@value #PATH}).
     *
     * @throws IOException naming {@code metrics.listen} and the address when it cannot be bound (in use, not local)
     */
    public static MetricsServer start(InetSocketAddress listen, PrometheusMeterRegistry registry, HttpLimits limits,
                                      Clock clock, Routes more) throws IOException {
        HttpMeters meters = new HttpMeters(registry, METER_PREFIX);
        Routes routes = Routes.of(Map.of(PATH, request -> Response.ok(CONTENT_TYPE,
                registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8)))).with(more);
        try {
            return new MetricsServer(HttpServer.start("heartline-metrics", listen, routes, limits, clock, meters));
        } catch (BindException e) {
            throw new IOException("metrics.listen " + text(listen) + ": cannot bind (" + e.getMessage()
                    + "); is another daemon or exporter using the port? Set heartline.metrics.listen to a free "
                    + "address:port, or metrics = off", e);
        }
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
