package io.heartline.daemon.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deferred answers: the server's one thread serves others while an answer is being made, sends it
 * when its future completes, answers 503 when it is not ready by the deadline (on a
 * {@link ManualClock}) and 500 when it fails.
 */
class HttpServerDeferredTest {
    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<CompletableFuture<Response>> asked = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.start("test-http", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Routes.builder().later("/later", r -> {
                    CompletableFuture<Response> f = new CompletableFuture<>();
                    asked.add(f);
                    return f;
                }).later("/throws", r -> {
                    throw new IllegalStateException("a handler bug");
                }).get("/small", r -> Response.ok("text/plain", "small\n".getBytes(StandardCharsets.UTF_8))).build(),
                HttpLimits.DEFAULT, clock, new HttpMeters(registry, "test.http"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private double counter(String name, String tag, String value) {
        return registry.get("test.http." + name).tag(tag, value).counter().count();
    }

    private Socket ask(String request) throws IOException {
        Socket s = RawHttp.connect(server.address());
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return s;
    }

    @Test
    void theAnswerIsSentWhenReadyAndOthersAreServedMeanwhile() throws IOException {
        try (Socket waiting = ask("GET /later HTTP/1.1\r\nHost: x\r\n\r\n")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 1);
            assertEquals(200, RawHttp.exchange(server.address(), "GET /small HTTP/1.1\r\nHost: x\r\n\r\n").status());
            asked.get(0).complete(Response.ok("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            RawHttp.Answer a = RawHttp.read(waiting);
            assertEquals(200, a.status());
            assertEquals("{\"a\":1}", a.bodyText());
            assertEquals("7", a.header("Content-Length"));
        }
        try (Socket head = ask("HEAD /later HTTP/1.1\r\nHost: x\r\n\r\n")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 2);
            asked.get(1).complete(Response.ok("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            RawHttp.Answer a = RawHttp.read(head);
            assertEquals(200, a.status());
            assertEquals("7", a.header("Content-Length"));
            assertEquals(0, a.body().length);
        }
    }

    @Test
    void anAnswerNotReadyByTheDeadlineIs503AndItsLateResultIsDropped() throws IOException {
        try (Socket waiting = ask("GET /later HTTP/1.1\r\nHost: x\r\n\r\n")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 1);
            clock.advance(HttpLimits.DEFAULT_TIMEOUT);
            RawHttp.Answer a = RawHttp.read(waiting);
            assertEquals(503, a.status());
            assertEquals("1", a.header("Retry-After"));
            assertEquals("the answer was not ready in 5000 ms; try again\n", a.bodyText());
        }
        assertEquals(1, counter("timeouts", "phase", "wait"));
        asked.get(0).complete(Response.ok("text/plain", new byte[1]));
        assertEquals(200, RawHttp.exchange(server.address(), "GET /small HTTP/1.1\r\nHost: x\r\n\r\n").status());
        assertEquals(1, counter("requests", "status", "503"));
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("test.http.connections").gauge().value() == 0);
    }

    @Test
    void aFailedFutureOrAThrowingHandlerIs500() throws IOException {
        try (Socket waiting = ask("GET /later HTTP/1.1\r\nHost: x\r\n\r\n")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 1);
            asked.get(0).completeExceptionally(new IllegalStateException("no answer"));
            assertEquals(500, RawHttp.read(waiting).status());
        }
        assertEquals(500, RawHttp.exchange(server.address(), "GET /throws HTTP/1.1\r\nHost: x\r\n\r\n").status());
        assertEquals(2, registry.get("test.http.errors").counter().count());
        RawHttp.Answer post = RawHttp.exchange(server.address(), "POST /later HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(405, post.status());
        assertEquals(1, asked.size(), "a refused method never reaches the handler");
        RawHttp.Answer none = RawHttp.exchange(server.address(), "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(none.bodyText().contains("GET /later"), none.bodyText());
    }
}
