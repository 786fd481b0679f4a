package io.heartline.daemon.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.control.Answers;
import io.heartline.core.control.Parsed;
import io.heartline.core.control.Requests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket's bounds, on a handler that answers at once: connections, request size, timeouts. */
class ControlServerLimitsTest {
    static final Duration BOUND = Duration.ofSeconds(10);
    static final String STATUS = "{\"cmd\":\"status\"}\n";

    @TempDir
    Path dir;
    final TestClock clock = new TestClock();
    final List<SocketChannel> clients = new ArrayList<>();
    final AtomicInteger handled = new AtomicInteger();
    ControlServer server;

    /** Answers a valid request with ok and its command, from another thread, as the real commands do. */
    static RequestHandler echo(AtomicInteger handled) {
        return (line, peer) -> CompletableFuture.supplyAsync(() -> {
            handled.incrementAndGet();
            Parsed p = Requests.parse(line);
            if (p instanceof Parsed.Invalid bad) {
                return Answers.error(bad.error());
            }
            return Answers.outcome(true, ((Parsed.Valid) p).request().command());
        });
    }

    ControlServer start(ControlSettings settings, RequestHandler handler) throws IOException {
        server = new ControlServer(dir.resolve("control.sock"), settings, clock, handler);
        server.start();
        return server;
    }

    Path socket() {
        return dir.resolve("control.sock");
    }

    @AfterEach
    void stop() throws IOException {
        for (SocketChannel c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    SocketChannel idle() throws IOException {
        SocketChannel ch = Clients.connect(socket());
        clients.add(ch);
        return ch;
    }

    @Test
    void overTheCapANewConnectionIsToldBusyAndTheDaemonGoesOn() throws IOException {
        start(ControlSettings.DEFAULTS, echo(handled));
        for (int i = 0; i < 64; i++) {
            idle();
        }
        await().atMost(BOUND).until(() -> server.openConnections() == 64);
        assertEquals("{\"ok\":false,\"error\":\"busy: 64 connections open (control.max-connections)\"}\n",
                Clients.ask(socket(), STATUS));
        assertEquals(1, server.refusedBusy());
        for (int i = 0; i < 10; i++) {
            clients.remove(0).close();
        }
        await().atMost(BOUND).until(() -> server.openConnections() == 54);
        assertEquals("{\"ok\":true,\"message\":\"status\"}\n", Clients.ask(socket(), STATUS));
    }

    @Test
    void aClientThatSendsNothingIsClosedAfterTheIdleTimeout() throws IOException {
        start(ControlSettings.DEFAULTS, echo(handled));
        SocketChannel silent = idle();
        SocketChannel halfALine = idle();
        halfALine.write(ByteBuffer.wrap("{\"cmd\":\"sta".getBytes(StandardCharsets.UTF_8)));
        await().atMost(BOUND).until(() -> server.openConnections() == 2);
        clock.advance(Duration.ofMillis(4_900));
        assertStillOpenAfterTwoTicks(2);
        clock.advance(Duration.ofMillis(100));
        await().atMost(BOUND).until(() -> server.openConnections() == 0);
        assertEquals("{\"ok\":false,\"error\":\"no request within 5000 ms (one JSON line, ended by a newline)\"}\n",
                Clients.readToEnd(silent));
        assertTrue(Clients.readToEnd(halfALine).contains("no request within 5000 ms"));
        assertEquals(2, server.timedOut());
        assertEquals(0, handled.get());
    }

    @Test
    void anOverLongRequestGetsAnErrorAndTheLongestAllowedIsServed() throws IOException {
        start(new ControlSettings(4, Duration.ofSeconds(5), 1024, "heartline-admin"), echo(handled));
        assertEquals("{\"ok\":false,\"error\":\"request too long or not terminated by a newline (at most 1024 bytes)\"}\n",
                Clients.ask(socket(), "{\"cmd\":\"status\",\"x\":\"" + "y".repeat(5_000) + "\"}\n"));
        String longest = "{\"cmd\":\"status\",\"x\":\"" + "y".repeat(1024 - 23) + "\"}";
        assertEquals(1024, longest.length());
        assertEquals("{\"ok\":true,\"message\":\"status\"}\n", Clients.ask(socket(), longest + "\n"));
        assertEquals(1, handled.get());
        await().atMost(BOUND).until(() -> server.openConnections() == 0);
    }

    @Test
    void aClientThatDoesNotReadItsAnswerIsClosedAfterTheTimeout() throws IOException {
        int size = 16 << 20;
        start(ControlSettings.DEFAULTS, (line, peer) -> CompletableFuture.completedFuture(Map.of("ok", true, "blob",
                "z".repeat(size))));
        SocketChannel slow = idle();
        slow.write(ByteBuffer.wrap(STATUS.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer first = ByteBuffer.allocate(1);
        assertEquals(1, slow.read(first), "the answer started");
        clock.advance(Duration.ofMillis(4_900));
        assertStillOpenAfterTwoTicks(1);
        clock.advance(Duration.ofMillis(100));
        await().atMost(BOUND).until(() -> server.openConnections() == 0);
        assertTrue(Clients.readToEnd(slow).length() < size, "closed before the whole answer");
        assertEquals(1, server.timedOut());
        assertEquals(size + 22, Clients.ask(socket(), STATUS).length(), "still serving, whole answers to readers");
    }

    @Test
    void aClientThatLeavesBeforeItsAnswerCostsNothing() throws IOException {
        CompletableFuture<Map<String, Object>> later = new CompletableFuture<>();
        start(ControlSettings.DEFAULTS, (line, peer) -> later);
        try (SocketChannel gone = Clients.connect(socket())) {
            gone.write(ByteBuffer.wrap(STATUS.getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(BOUND).until(() -> server.openConnections() == 1);
        later.complete(Answers.outcome(true, "late"));
        await().atMost(BOUND).until(() -> server.openConnections() == 0);
    }

    /** The selector checks deadlines at least every tick while one is pending: two ticks later, nothing closed. */
    private void assertStillOpenAfterTwoTicks(int open) {
        long until = System.nanoTime() + 2 * ControlServer.TICK_MS * 1_000_000L;
        await().atMost(BOUND).until(() -> System.nanoTime() - until >= 0);
        assertEquals(open, server.openConnections());
    }
}
