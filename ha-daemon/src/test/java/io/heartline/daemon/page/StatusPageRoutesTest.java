package io.heartline.daemon.page;

import static io.heartline.daemon.http.RawHttp.exchange;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ManualClock;
import io.heartline.core.control.Answers;
import io.heartline.daemon.http.HttpLimits;
import io.heartline.daemon.http.RawHttp.Answer;
import io.heartline.daemon.http.SseClient;
import io.heartline.daemon.metrics.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status page's routes on a real metrics listener (loopback, 4 connections, so 2 streams):
 * the page itself (self-contained, a CSP that admits only its own script and style), the JSON
 * snapshot, the stream, HEAD, bad paths and methods, and the cap on streams. The page's executor
 * is a real thread; nothing is published unless a test asks.
 */
class StatusPageRoutesTest {
    private final ManualClock clock = new ManualClock();
    private final FakeSources sources = new FakeSources();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private PrometheusMeterRegistry registry;
    private StatusPage page;
    private MetricsServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        page = new StatusPage(sources, clock, executor, StatusPage.maxStreams(4), executor::shutdownNow);
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                new HttpLimits(4, Duration.ofSeconds(5)), clock, page.routes());
        address = server.address();
    }

    @AfterEach
    void stop() {
        server.close();
        page.close();
        registry.close();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String between(String html, String open, String close) {
        int from = html.indexOf(open);
        return html.substring(from + open.length(), html.indexOf(close, from));
    }

    @Test
    void thePageIsOneSelfContainedHtmlDocumentWhoseCspAdmitsOnlyItsOwnScriptAndStyle() throws Exception {
        Answer a = exchange(address, get(StatusPage.PATH));
        assertEquals(200, a.status(), a.head());
        assertEquals("text/html; charset=utf-8", a.header("Content-Type"));
        assertEquals("no-store", a.header("Cache-Control"));
        String html = a.bodyText();
        String csp = a.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("script-src '" + sha256(between(html, "<script>", "</script>")) + "'"), csp);
        assertTrue(csp.contains("style-src '" + sha256(between(html, "<style>", "</style>")) + "'"), csp);
        assertTrue(csp.contains("connect-src 'self'"), csp);
        for (String external : List.of("src=", "<link", "http://", "https://", "@import", "url(", "<iframe")) {
            assertFalse(html.contains(external), "the page loads nothing else: " + external);
        }
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(html.contains("new EventSource('status/stream')") && html.contains("fetch('status.json'"),
                "the page follows the stream, relative to where it is served");
        assertFalse(html.contains("innerHTML"), "values reach the page as text only");
        Answer head = exchange(address, "HEAD " + StatusPage.PATH + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals(a.header("Content-Length"), head.header("Content-Length"));
        assertEquals(0, head.body().length);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonIsTheSnapshotOfStatusAndEvents() throws IOException {
        sources.write(2);
        Answer a = exchange(address, get(StatusPage.JSON_PATH + "?cache=1"));
        assertEquals(200, a.status(), a.head());
        assertEquals("application/json; charset=utf-8", a.header("Content-Type"));
        assertEquals("no-store", a.header("Cache-Control"));
        Map<String, Object> snap = JSON.std.mapFrom(a.bodyText());
        Map<String, Object> status = (Map<String, Object>) snap.get("status");
        Map<String, Object> web = ((List<Map<String, Object>>) status.get("groups")).get(0);
        assertEquals("node-a", web.get("owner"));
        assertEquals("ACTIVE", web.get("state"));
        assertEquals(3, ((Number) web.get("epoch")).intValue());
        assertEquals(2, ((List<Object>) snap.get("events")).size());
        assertTrue(snap.containsKey("witness"));
        assertNull(snap.get("witness"));
        Answer head = exchange(address, "HEAD " + StatusPage.JSON_PATH + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertTrue(Integer.parseInt(head.header("Content-Length")) > 100);
        assertEquals(200, exchange(address, get("/metrics")).status(), "the metrics are served beside the page");
    }

    @Test
    void badPathsMethodsAndBodiesAreRefusedWithoutAsking() throws IOException {
        for (String path : List.of("/", "/status/", "/Status", "/status.html", "/status/stream/x", "/status.json/")) {
            Answer a = exchange(address, get(path));
            assertEquals(404, a.status(), path);
            assertEquals("not found; try GET /metrics or GET /status or GET /status.json or GET /status/stream\n",
                    a.bodyText());
        }
        for (String path : List.of(StatusPage.PATH, StatusPage.JSON_PATH, StatusPage.STREAM_PATH)) {
            Answer post = exchange(address, "POST " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(405, post.status(), path);
            assertEquals("GET, HEAD", post.header("Allow"));
            assertEquals(413, exchange(address, "GET " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
                    .status(), path);
        }
        assertEquals(0, sources.statusCalls, "nothing refused reached the event loop");
    }

    @Test
    void theStreamSendsEachSnapshotAndIsCappedAtHalfTheConnections() throws IOException {
        try (SseClient a = new SseClient(address, get(StatusPage.STREAM_PATH));
             SseClient b = new SseClient(address, get(StatusPage.STREAM_PATH))) {
            a.until("retry: 2000\n\n");
            b.until("retry: 2000\n\n");
            Answer third = exchange(address, get(StatusPage.STREAM_PATH));
            assertEquals(503, third.status());
            assertEquals("1", third.header("Retry-After"));
            assertEquals(200, exchange(address, get("/metrics")).status(), "scrapes still find a place");
            executor.execute(page.feed()::publishOnce);
            a.until("\"owner\":\"node-a\"");
            sources.status = () -> CompletableFuture.completedFuture(Answers.result(FakeSources.status("node-a", "node-b", 4)));
            executor.execute(page.feed()::publishOnce);
            String got = a.until("\"owner\":\"node-b\"");
            Matcher m = Pattern.compile("event: status\ndata: (\\{.*})\n\n").matcher(got);
            int events = 0;
            while (m.find()) {
                assertTrue(JSON.std.mapFrom(m.group(1)).containsKey("status"));
                events++;
            }
            assertEquals(2, events);
            b.until("\"owner\":\"node-b\"");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> page.stream().subscribers() == 0);
    }

    @Test
    void streamsAreAtMostHalfTheListenersConnectionsAndAtMostEight() {
        assertEquals(1, StatusPage.maxStreams(1));
        assertEquals(1, StatusPage.maxStreams(3));
        assertEquals(2, StatusPage.maxStreams(4));
        assertEquals(8, StatusPage.maxStreams(16));
        assertEquals(8, StatusPage.maxStreams(4096));
    }
}
