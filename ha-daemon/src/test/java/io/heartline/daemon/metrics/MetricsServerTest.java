package io.heartline.daemon.metrics;

import io.heartline.daemon.TestConfig;
import static io.heartline.daemon.metrics.MetricsServer.CONTENT_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.MetricsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP endpoint on an ephemeral loopback port, through the JDK's HTTP client: GET and HEAD /metrics,
 * 404 elsewhere, 405 for other methods, a clear error for a busy port.
 */
class MetricsServerTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DaemonMetrics metrics;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        HeartlineConfig config = TestConfig.load(dir, "");
        MeterBinder probe = r -> Counter.builder("heartline.test.probe").register(r).increment(3);
        metrics = DaemonMetrics.create(config, List.of(probe));
        metrics.serve(new MetricsConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        InetSocketAddress a = metrics.address();
        base = URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    @AfterEach
    void stop() {
        metrics.close();
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getMetricsServesThePrometheusTextFormat() throws Exception {
        HttpResponse<String> r = request("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String body = r.body();
        assertTrue(body.contains("heartline_test_probe_total{cluster=\"lvs\",node=\"node-a\"} 3.0"), body);
        assertTrue(body.contains("# TYPE jvm_memory_used_bytes gauge"), body);
        assertTrue(body.contains("process_uptime_seconds"), body);
        assertTrue(body.contains("jvm_threads_live_threads"), body);
        assertTrue(body.contains("system_cpu_count"), body);
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() throws Exception {
        HttpResponse<String> r = request("HEAD", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.headers().firstValueAsLong("Content-Length").orElseThrow() > 1000, r.headers().toString());
        assertEquals("", r.body());
    }

    @Test
    void everyOtherPathIsNotFoundAndEveryOtherMethodNotAllowed() throws Exception {
        assertEquals(404, request("GET", "/").statusCode());
        assertEquals(404, request("GET", "/metrics/x").statusCode());
        assertEquals(404, request("GET", "/favicon.ico").statusCode());
        assertEquals(404, request("POST", "/favicon.ico").statusCode());
        for (String method : new String[] {"POST", "DELETE", "PUT", "OPTIONS"}) {
            HttpResponse<String> r = request(method, "/metrics");
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow(), method);
        }
        assertEquals(200, request("GET", "/metrics?name[]=x").statusCode());
    }

    @Test
    void theServerCountsItsAnswersOnTheSameRegistry() throws Exception {
        request("GET", "/nope");
        String body = request("GET", "/metrics").body();
        assertTrue(body.contains("heartline_metrics_http_requests_total{cluster=\"lvs\",node=\"node-a\",status=\"404\"} 1.0"),
                body);
        assertTrue(body.contains("heartline_metrics_http_connections_refused_total"), body);
        assertTrue(body.contains("heartline_metrics_http_timeouts_total{cluster=\"lvs\",node=\"node-a\",phase=\"read\"} 0.0"),
                body);
    }

    @Test
    void aPortInUseIsAClearErrorNamingTheKey() throws Exception {
        InetSocketAddress taken = metrics.address();
        DaemonMetrics second = DaemonMetrics.create(TestConfig.load(dir, ""), List.of());
        try {
            IOException e = assertThrows(IOException.class, () -> second.serve(new MetricsConfig(taken)));
            assertTrue(e.getMessage().startsWith("metrics.listen 127.0.0.1:" + taken.getPort() + ": cannot bind"),
                    e.getMessage());
        } finally {
            second.close();
        }
    }

    @Test
    void offServesNothing() throws Exception {
        DaemonMetrics off = DaemonMetrics.create(TestConfig.load(dir, "metrics = off"), List.of());
        off.serve(MetricsConfig.OFF);
        assertEquals(null, off.address());
        off.close();
    }
}
