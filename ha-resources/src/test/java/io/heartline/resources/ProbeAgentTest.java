package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.heartline.core.Clock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeAgentTest {
    private static final Duration T = Duration.ofSeconds(3);
    HttpServer http;
    final AtomicInteger requests = new AtomicInteger();
    volatile int status = 200;
    volatile String body = "node-a ok";

    @BeforeEach
    void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        http.start();
    }

    @AfterEach
    void stopHttp() {
        http.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
    }

    ProbeAgent probe(Map<String, String> params) {
        return ProbeAgent.fromParams("web", params, Clock.system());
    }

    @Test
    void aPassingConnectIsEnoughAndNoRequestIsMade() {
        OperationResult r = probe(Map.of("port", Integer.toString(http.getAddress().getPort()), "url", url()))
                .run(Operation.MONITOR, T);
        assertEquals(OcfStatus.SUCCESS, r.status());
        assertEquals(0, requests.get(), "the application check runs only when the cheap one fails");
        assertTrue(r.output().contains("accepted a connection"));
    }

    @Test
    void aFailedConnectIsCheckedWithHttpBeforeItCountsAsAFailure() throws IOException {
        OperationResult r = probe(Map.of("port", Integer.toString(closedPort()), "url", url(), "expect-body", "ok"))
                .run(Operation.MONITOR, T);
        assertEquals(OcfStatus.SUCCESS, r.status(), r.output());
        assertEquals(1, requests.get());
        assertTrue(r.output().contains("application answers: not a failure"), r.output());
    }

    @Test
    void bothChecksFailingIsAFailureWithBothReasons() throws IOException {
        status = 503;
        OperationResult r = probe(Map.of("port", Integer.toString(closedPort()), "url", url())).run(Operation.MONITOR, T);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.output().matches("tcp 127\\.0\\.0\\.1:\\d+: .*; then http GET .*: status 503, expected 200"), r.output());
    }

    @Test
    void expectedStatusAndBody() {
        status = 204;
        body = "";
        assertEquals(OcfStatus.SUCCESS, probe(Map.of("url", url(), "expect-status", "204")).run(Operation.MONITOR, T).status());
        status = 200;
        body = "maintenance";
        OperationResult r = probe(Map.of("url", url(), "expect-body", "node-a")).run(Operation.MONITOR, T);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.output().endsWith("body does not contain 'node-a'"), r.output());
    }

    @Test
    void tcpOnlyAndHttpOnly() throws IOException {
        assertEquals(OcfStatus.ERR_GENERIC, probe(Map.of("port", Integer.toString(closedPort()))).run(Operation.MONITOR, T).status());
        http.stop(0);
        assertEquals(OcfStatus.ERR_GENERIC, probe(Map.of("url", url())).run(Operation.MONITOR, T).status());
    }

    @Test
    void aSilentServerIsBoundedByTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1)) {
            String u = "http://127.0.0.1:" + silent.getLocalPort() + "/";
            long t0 = System.nanoTime();
            OperationResult r = probe(Map.of("url", u)).run(Operation.MONITOR, Duration.ofMillis(500));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(OcfStatus.ERR_GENERIC, r.status());
            assertTrue(ms < 2_000, "took " + ms + " ms");
        }
    }

    @Test
    void startAndStopAreNoOpsAndBadParametersAreRefused() {
        ProbeAgent p = probe(Map.of("port", "80"));
        assertEquals(OcfStatus.SUCCESS, p.run(Operation.START, T).status());
        assertEquals(OcfStatus.SUCCESS, p.run(Operation.STOP, T).status());
        assertEquals(OcfStatus.ERR_UNIMPLEMENTED, p.run(Operation.META_DATA, T).status());
        assertEquals("probe:web (tcp:127.0.0.1:80)", p.describe());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe(Map.of())).getMessage()
                .contains("needs a port (tcp check) or a url (http check)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe(Map.of("port", "eighty"))).getMessage()
                .contains("'port' must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe(Map.of("port", "80", "uri", "x"))).getMessage()
                .contains("unknown probe parameter 'uri'"));
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
