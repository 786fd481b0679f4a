package io.heartline.daemon.page;

import io.heartline.core.Clock;
import io.heartline.daemon.http.EventStream;
import io.heartline.daemon.http.Response;
import io.heartline.daemon.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The read-only status page, served on the metrics listener beside {@code /metrics}:
 *
 * <ul>
 *   <li>{@code GET /status}: one HTML page with its CSS and script inline (no other request, no
 *       CDN), readable on a phone; it follows the stream and falls back to polling the snapshot;</li>
 *   <li>{@code GET /status.json}: a snapshot (see {@link StatusFeed});</li>
 *   <li>{@code GET /status/stream}: the same snapshot as server-sent events ({@code event: status}).</li>
 * </ul>
 *
 * Bounds: at most {@value #MAX_STREAMS} streams (and at most half of {@code metrics.max-connections},
 * at least one, so scrapes always find a place), each closed after {@link #STREAM_LIFETIME} (the
 * browser reconnects after {@link #RETRY}); the rest is the listener's own (connections, timeout,
 * head size). The page's script only reads; the server answers GET and HEAD only.
 */
public final class StatusPage implements AutoCloseable {
    public static final String PATH = "/status";
    public static final String JSON_PATH = "/status.json";
    public static final String STREAM_PATH = "/status/stream";
    static final int MAX_STREAMS = 8;
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    static final Duration RETRY = Duration.ofSeconds(2);
    static final String HTML = "text/html; charset=utf-8";

    private static final byte[] PAGE = load();
    /** Only the page's own inline script and style run: a value that slipped into the page as markup could not. */
    static final String CSP = "default-src 'none'; script-src '" + hash("script") + "'; style-src '" + hash("style")
            + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StatusFeed feed;
    private final EventStream stream;
    private final Runnable stop;

    StatusPage(PageSources sources, Clock clock, ScheduledExecutorService executor, int maxStreams, Runnable stop) {
        this.stream = new EventStream(maxStreams, STREAM_LIFETIME, RETRY);
        this.feed = new StatusFeed(sources, clock, executor, stream::subscribers, b -> stream.publish("status", b));
        this.stop = stop;
    }

    /**
     * The page on a thread of its own ({@code heartline-status-page}), for a listener of
     * {@code maxConnections} connections. Nothing runs until {@link #start()}.
     */
    public static StatusPage create(PageSources sources, Clock clock, int maxConnections) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartline-status-page");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        return new StatusPage(sources, clock, executor, maxStreams(maxConnections), executor::shutdownNow);
    }

    /** Streams for a listener of {@code maxConnections}: at most half of them, at least one, at most {@value #MAX_STREAMS}. */
    static int maxStreams(int maxConnections) {
        return Math.max(1, Math.min(MAX_STREAMS, maxConnections / 2));
    }

    /** The page's three paths, for the metrics listener. */
    public Routes routes() {
        Response page = Response.ok(HTML, PAGE).withHeader("Content-Security-Policy", CSP)
                .withHeader("Cache-Control", "no-store").withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer");
        return Routes.builder().get(PATH, r -> page).later(JSON_PATH, feed::json).stream(STREAM_PATH, stream).build();
    }

    /** Starts publishing to the stream (while someone watches). */
    public void start() {
        feed.start();
    }

    EventStream stream() {
        return stream;
    }

    StatusFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        stop.run();
    }

    private static byte[] load() {
        try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html is missing from the daemon's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source of the page's one inline {@code <tag>}: the SHA-256 of its text. */
    static String hash(String tag) {
        String html = new String(PAGE, StandardCharsets.UTF_8);
        int open = html.indexOf("<" + tag + ">");
        int close = html.indexOf("</" + tag + ">");
        if (open < 0 || close < open || html.indexOf("<" + tag + ">", open + 1) >= 0) {
            throw new IllegalStateException("status.html must have exactly one <" + tag + "> element");
        }
        String text = html.substring(open + tag.length() + 2, close);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
