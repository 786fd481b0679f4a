package io.heartline.daemon.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-sent events over real loopback sockets: the head and the newest event at once, later
 * events as they are published, the newest only for a client that fell behind, the cap on
 * subscribers, the lifetime and the write deadline on the {@link ManualClock}.
 */
class HttpServerStreamTest {
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventStream events = new EventStream(2, LIFETIME, Duration.ofSeconds(2));
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.start("test-http", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Routes.builder().stream("/events", events)
                        .get("/small", r -> Response.ok("text/plain", "small\n".getBytes(StandardCharsets.UTF_8))).build(),
                HttpLimits.DEFAULT, clock, new HttpMeters(registry, "test.http"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private double gauge(String name) {
        return registry.get("test.http." + name).gauge().value();
    }

    private double counter(String name, String tag, String value) {
        return registry.get("test.http." + name).tag(tag, value).counter().count();
    }

    private static void publish(EventStream s, String json) {
        s.publish("status", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSubscriberGetsTheHeadTheNewestEventAndThenEachNewOne() throws IOException {
        publish(events, "{\"n\":1}");
        try (SseClient s = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            String first = s.until("{\"n\":1}\n\n");
            assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
            RawHttp.Answer head = RawHttp.parse(first.getBytes(StandardCharsets.UTF_8), false);
            assertEquals("text/event-stream; charset=utf-8", head.header("Content-Type"));
            assertEquals(null, head.header("Content-Length"), "the stream ends with the connection");
            assertEquals("close", head.header("Connection"));
            assertEquals("no-store", head.header("Cache-Control"));
            assertTrue(first.contains("\r\n\r\nretry: 2000\n\nevent: status\ndata: {\"n\":1}\n\n"), first);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("streams") == 1);
            publish(events, "{\"n\":2}");
            assertTrue(s.until("{\"n\":2}\n\n").endsWith("event: status\ndata: {\"n\":2}\n\n"));
            publish(events, "{\"n\":3}");
            s.until("{\"n\":3}\n\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("streams") == 0 && gauge("connections") == 0);
        assertEquals(0, events.subscribers());
        assertEquals(1, counter("requests", "status", "200"));
    }

    @Test
    void moreSubscribersThanTheCapAre503AndOtherRoutesStillAnswer() throws IOException {
        try (SseClient a = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
             SseClient b = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            a.until("retry: 2000\n\n");
            b.until("retry: 2000\n\n");
            RawHttp.Answer third = RawHttp.exchange(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(503, third.status());
            assertEquals("1", third.header("Retry-After"));
            assertEquals("too many event streams (2); try again\n", third.bodyText());
            assertEquals(200, RawHttp.exchange(server.address(), "GET /small HTTP/1.1\r\nHost: x\r\n\r\n").status());
            assertEquals(2, events.subscribers());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0);
        try (SseClient again = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            again.until("retry: 2000\n\n");
        }
    }

    @Test
    void headOnAStreamIsTheHeadAloneThenClose() throws IOException {
        publish(events, "{\"n\":1}");
        RawHttp.Answer head = RawHttp.exchange(server.address(), "HEAD /events HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals("text/event-stream; charset=utf-8", head.header("Content-Type"));
        assertFalse(head.bodyText().contains("data:"), head.bodyText());
        assertEquals(0, events.subscribers());
        assertEquals(405, RawHttp.exchange(server.address(), "POST /events HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void aStreamEndsAfterItsLifetimeAndTheSlotIsFree() throws IOException {
        try (SseClient s = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            s.until("retry: 2000\n\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 1);
            clock.advance(LIFETIME.minusSeconds(1));
            publish(events, "{\"still\":true}");
            s.until("{\"still\":true}");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(s.closedByServer(), s.text());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0 && gauge("streams") == 0);
        assertEquals(0, counter("timeouts", "phase", "write"), "a stream at the end of its life is no timeout");
    }

    /** A client that reads nothing: it gets at most the event being written, then is closed at the deadline. */
    @Test
    void aSubscriberThatDoesNotReadIsClosedAtTheWriteDeadline() throws IOException {
        byte[] big = new byte[512 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        try (Socket lazy = new Socket()) {
            lazy.setReceiveBufferSize(4096);
            lazy.connect(server.address());
            lazy.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
            lazy.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 1);
            for (int i = 0; i < 20; i++) {
                events.publish("status", big); // newest wins: at most one waits for this client
            }
            InputStream in = lazy.getInputStream();
            await().atMost(Duration.ofSeconds(10)).until(() -> in.available() > 2048); // an event is on its way
            clock.advance(HttpLimits.DEFAULT_TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0);
            assertEquals(1, counter("timeouts", "phase", "write"));
            assertEquals(0, gauge("connections"));
        }
    }

    @Test
    void aSubscriberThatGoesAwayFreesItsPlaceWithoutAnEventBeingSent() throws IOException {
        try (SseClient s = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            s.until("retry: 2000\n\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0 && gauge("connections") == 0);
        try (SseClient chatty = new SseClient(server.address(), "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            chatty.until("retry: 2000\n\n");
            chatty.socket().getOutputStream().write(new byte[HttpLimits.DEFAULT_MAX_HEAD_BYTES + 1]);
            assertTrue(chatty.closedByServer(), "a client that keeps talking on a stream is closed");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.subscribers() == 0);
    }

    @Test
    void eventsAreCheckedAndEncodedLineByLine() {
        assertThrows(IllegalArgumentException.class, () -> events.publish("bad name", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> events.publish("x\nevent: y", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> events.publish("status", new byte[EventStream.MAX_EVENT_BYTES]));
        events.publish("status", "a\nb\r\nc".getBytes(StandardCharsets.UTF_8));
        assertEquals("event: status\ndata: a\ndata: b\ndata: c\n\n",
                new String(events.latest().bytes(), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> new EventStream(0, LIFETIME, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new EventStream(1, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> HttpServer.start("second", new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), Routes.builder().stream("/e", events).build(), HttpLimits.DEFAULT,
                clock, new HttpMeters(new SimpleMeterRegistry(), "second")), "a stream has one server");
    }
}
