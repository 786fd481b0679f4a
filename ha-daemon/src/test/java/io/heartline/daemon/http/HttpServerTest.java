package io.heartline.daemon.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server with routes of its own: a response too big for the socket buffers, a handler that fails. */
class HttpServerTest {
    private static final int BIG = 32 * 1024 * 1024;
    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        byte[] big = new byte[BIG];
        server = HttpServer.start("test-http", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("/big", r -> Response.ok("application/octet-stream", big),
                        "/small", r -> Response.ok("text/plain", "small\n".getBytes(StandardCharsets.UTF_8)),
                        "/broken", r -> {
                            throw new IllegalStateException("a handler bug");
                        }),
                HttpLimits.DEFAULT, clock, new HttpMeters(registry, "test.http"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private double count(String name, String tag, String value) {
        return registry.get("test.http." + name).tag(tag, value).counter().count();
    }

    private double open() {
        return registry.get("test.http.connections").gauge().value();
    }

    @Test
    void aClientThatDoesNotReadALargeAnswerIsDroppedAtTheDeadline() throws IOException {
        try (Socket lazy = new Socket()) {
            lazy.setReceiveBufferSize(4096);
            lazy.connect(server.address());
            lazy.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
            lazy.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(10)).until(() -> count("requests", "status", "200") == 1);
            assertEquals(1, open()); // stuck writing: the client reads nothing
            assertEquals(200, RawHttp.exchange(server.address(), "GET /small HTTP/1.1\r\nHost: x\r\n\r\n").status());
            clock.advance(HttpLimits.DEFAULT_TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);
            assertEquals(1, count("timeouts", "phase", "write"));
            long got = drain(lazy.getInputStream());
            assertTrue(got < BIG, "the client got " + got + " bytes of " + BIG);
        }
    }

    @Test
    void aFailingHandlerIs500AndTheServerCarriesOn() throws IOException {
        assertEquals(500, RawHttp.exchange(server.address(), "GET /broken HTTP/1.1\r\nHost: x\r\n\r\n").status());
        assertEquals(1, registry.get("test.http.errors").counter().count());
        RawHttp.Answer a = RawHttp.exchange(server.address(), "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(404, a.status());
        assertEquals("not found; try GET /big or GET /broken or GET /small\n", a.bodyText());
    }

    @Test
    void closeEndsTheThreadAndFreesThePort() throws IOException {
        InetSocketAddress a = server.address();
        server.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-http")));
        server = HttpServer.start("test-http", a, Map.of(), HttpLimits.DEFAULT, clock,
                new HttpMeters(new SimpleMeterRegistry(), "again"));
        assertEquals(a, server.address());
    }

    private static long drain(InputStream in) throws IOException {
        long total = 0;
        byte[] buf = new byte[65536];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        } catch (SocketException e) {
            // reset: the server closed with our bytes unread or its own unsent
        }
        return total;
    }
}
