package io.heartline.daemon.metrics;

import static io.heartline.daemon.http.RawHttp.exchange;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.daemon.http.HttpLimits;
import io.heartline.daemon.http.RawHttp;
import io.heartline.daemon.http.RawHttp.Answer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics listener against clients that misbehave, over real loopback sockets: bodies it must
 * not read, heads too big, too many connections, clients too slow. Time is a {@link ManualClock},
 * so no deadline passes unless a test moves it.
 */
class MetricsHttpLimitsTest {
    private static final String GET = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private final ManualClock clock = new ManualClock();
    private PrometheusMeterRegistry registry;
    private MetricsServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("heartline.test.probe").register(registry).increment(3);
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                HttpLimits.DEFAULT, clock);
        address = server.address();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private double answered(int status) {
        return registry.get("heartline.metrics.http.requests").tag("status", Integer.toString(status)).counter().count();
    }

    private double meter(String name) {
        return registry.get("heartline.metrics.http." + name).counter().count();
    }

    private double open() {
        return registry.get("heartline.metrics.http.connections").gauge().value();
    }

    private void assertScrapeWorks() throws IOException {
        Answer a = exchange(address, GET);
        assertEquals(200, a.status(), a.head());
        assertTrue(a.bodyText().contains("heartline_test_probe_total 3.0"), a.bodyText());
    }

    @Test
    void getAndHeadAreServedAndEveryAnswerCloses() throws IOException {
        Answer get = exchange(address, GET);
        assertEquals(200, get.status());
        assertEquals(MetricsServer.CONTENT_TYPE, get.header("Content-Type"));
        assertEquals("close", get.header("Connection"));
        assertEquals(get.body().length, Integer.parseInt(get.header("Content-Length")));
        Answer head = exchange(address, "HEAD /metrics?x=1 HTTP/1.0\r\n\r\n");
        assertEquals(200, head.status());
        assertTrue(Integer.parseInt(head.header("Content-Length")) > 0, head.head());
        assertEquals(0, head.body().length);
        assertEquals(2, answered(200));
    }

    @Test
    void otherPathsMethodsAndVersionsAreRefused() throws IOException {
        assertEquals(404, exchange(address, "GET /metricsx HTTP/1.1\r\nHost: x\r\n\r\n").status());
        Answer post = exchange(address, "POST /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("Allow"));
        assertEquals(505, exchange(address, "GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n").status());
        assertEquals(400, exchange(address, "GET /metrics HTTP/1.1\r\n\r\n").status());
        assertEquals(400, exchange(address, "\u0016\u0003\u0001\u0002\u0000\u0001\r\n\r\n").status());
        assertEquals(1, answered(404));
        assertEquals(1, answered(405));
        assertEquals(1, answered(505));
        assertEquals(2, answered(400));
    }

    /**
     * The reviewer's attack: 200 MB announced. The server answers 413 from the head alone and closes;
     * the client, still writing, is cut off after whatever the socket buffers held.
     */
    @Test
    void aHugeBodyIsRefusedWithoutBeingRead() throws Exception {
        long bodySize = 200L * 1024 * 1024;
        long heapBefore = usedHeap();
        AtomicLong written = new AtomicLong();
        try (Socket s = RawHttp.connect(address)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + bodySize + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[4096];
            out.write(chunk);
            written.addAndGet(chunk.length);
            Answer a = RawHttp.read(s); // answered and closed while the client has sent 4 KiB of 200 MB
            assertEquals(413, a.status(), a.head());
            assertTrue(a.bodyText().contains("Content-Length " + bodySize), a.bodyText());
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
                try {
                    while (written.get() < bodySize) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the server closed: what we want
                }
            });
            rest.get(30, TimeUnit.SECONDS);
        }
        assertTrue(written.get() < 64L * 1024 * 1024, "the client wrote " + written.get() + " bytes; the server read them?");
        assertTrue(meter("received") < 8 * 1024 + 1, "the server read " + meter("received") + " bytes");
        assertTrue(usedHeap() - heapBefore < bodySize / 2, "the heap grew by " + (usedHeap() - heapBefore));
        assertEquals(1, answered(413));
        assertScrapeWorks();
    }

    @Test
    void aChunkedBodyIsRefusedWithoutBeingRead() throws IOException {
        StringBuilder req = new StringBuilder("POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 1000; i++) {
            req.append("400\r\n").append("x".repeat(1024)).append("\r\n");
        }
        Answer a = exchange(address, req.toString());
        assertEquals(413, a.status(), a.head());
        assertTrue(meter("received") < 8 * 1024 + 1, "the server read " + meter("received") + " bytes");
    }

    @Test
    void aHeadOfEightKibibytesIsServedOneByteMoreIs431() throws IOException {
        String start = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Pad: ";
        int pad = HttpLimits.DEFAULT_MAX_HEAD_BYTES - start.length() - 4;
        assertEquals(200, exchange(address, start + "p".repeat(pad) + "\r\n\r\n").status());
        Answer big = exchange(address, start + "p".repeat(pad + 1) + "\r\n\r\n");
        assertEquals(431, big.status(), big.head());
        Answer huge = exchange(address, start + "p".repeat(1024 * 1024) + "\r\n\r\n");
        assertEquals(431, huge.status(), huge.head());
        try (Socket exact = RawHttp.connect(address)) { // 8 KiB and then silence: refused now, not at the deadline
            exact.getOutputStream().write((start + "p".repeat(pad + 4)).getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(431, RawHttp.read(exact).status());
        }
        assertEquals(3, answered(431));
    }

    @Test
    void overTheConnectionCapTheNextIsToldToRetryAndAfterOneLeavesAScrapeWorks() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < HttpLimits.DEFAULT_MAX_CONNECTIONS; i++) {
                idle.add(RawHttp.connect(address));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> open() == HttpLimits.DEFAULT_MAX_CONNECTIONS);
            try (Socket extra = RawHttp.connect(address)) {
                Answer a = RawHttp.read(extra);
                assertEquals(503, a.status(), a.head());
                assertEquals("1", a.header("Retry-After"));
            }
            Answer withRequest = exchange(address, GET);
            assertEquals(503, withRequest.status(), withRequest.head());
            assertEquals(2, meter("connections.refused"));
            idle.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> open() == HttpLimits.DEFAULT_MAX_CONNECTIONS - 1);
            assertScrapeWorks();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aHeadThatDoesNotArriveInTimeIs408AndClosed() throws IOException {
        try (Socket slow = RawHttp.connect(address)) {
            slow.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost".getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(10)).until(() -> meter("received") == 27);
            clock.advance(HttpLimits.DEFAULT_TIMEOUT.minusNanos(1));
            assertScrapeWorks(); // the loop has seen the clock, and the slow one is still there
            assertEquals(1, open());
            clock.advance(Duration.ofNanos(1));
            Answer a = RawHttp.read(slow);
            assertEquals(408, a.status(), a.head());
        }
        assertEquals(1, registry.get("heartline.metrics.http.timeouts").tag("phase", "read").counter().count());
        assertEquals(0, open());
    }

    @Test
    void anIdleConnectionIsClosedAtTheDeadline() throws IOException {
        try (Socket idle = RawHttp.connect(address)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> open() == 1);
            clock.advance(HttpLimits.DEFAULT_TIMEOUT);
            Answer a = RawHttp.read(idle);
            assertEquals(408, a.status(), a.head());
            assertNull(a.header("Retry-After"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
