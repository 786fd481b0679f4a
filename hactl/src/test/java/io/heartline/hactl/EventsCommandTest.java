package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hactl events}: goldens, {@code --since} in both forms, paging and {@code --follow}. */
class EventsCommandTest {
    @TempDir
    Path dir;

    static Map<String, Object> journal() throws Exception {
        return JSON.std.mapFrom(Golden.read("events-answer.json"));
    }

    private String transcript(List<String> args, Map<String, Object> answer) throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), answer)) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--socket", daemon.socket.toString()));
            Cli.Run r = Cli.hactl(all.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            return Transcript.of(args, daemon.requests, r, dir);
        }
    }

    @Test
    void textShowsTimeNodeKindGroupAndCause() throws Exception {
        Golden.assertMatches("commands/events.text", transcript(List.of("events", "--since", "1h"), journal()));
    }

    @Test
    void jsonIsOneEventPerLine() throws Exception {
        Golden.assertMatches("commands/events.json",
                transcript(List.of("events", "--since", "2026-11-21T22:00:00Z", "--output", "json"), journal()));
    }

    @Test
    void anEmptyJournalSaysSo() throws Exception {
        Map<String, Object> empty = Map.of("ok", true, "events", List.of(), "next", 0);
        Golden.assertMatches("commands/events-none.text", transcript(List.of("events", "--since", "10m"), empty));
    }

    @Test
    void sinceTakesDaysHoursMinutesSecondsBackFromNow() {
        Since.Converter c = new Since.Converter();
        java.time.Clock clock = Cli.env(null).clock();
        assertEquals("2026-11-20T22:30:00Z", c.convert("1d").resolve(clock).toString());
        assertEquals("2026-11-21T20:30:00Z", c.convert("2h").resolve(clock).toString());
        assertEquals("2026-11-21T22:20:00Z", c.convert("10m").resolve(clock).toString());
        assertEquals("2026-11-21T22:29:15Z", c.convert("45s").resolve(clock).toString());
        assertEquals("2026-11-01T00:00:00Z", c.convert("2026-11-01T00:00:00Z").resolve(clock).toString());
    }

    @Test
    void aBadSinceIsAUsageErrorNamingBothForms() {
        Cli.Run r = Cli.hactl("events", "--since", "yesterday", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("'yesterday' is neither an ISO-8601 instant"), r.err());
        assertTrue(r.err().contains("10m"), r.err());
    }

    @Test
    void fullPagesAreFollowedByTheNextPage() throws Exception {
        List<Object> page = new ArrayList<>();
        for (int i = 0; i < EventsCommand.PAGE; i++) {
            page.add(Map.of("ts", "t" + i, "node", "node-a", "kind", "peer-alive", "cause", "c" + i));
        }
        List<Object> rest = List.of(Map.of("ts", "last", "node", "node-a", "kind", "claim", "group", "web", "cause", "won"));
        try (FakeDaemon daemon = new FakeDaemon(dir.resolve("c.sock"), req -> req.containsKey("after")
                ? Map.of("ok", true, "events", rest, "next", 1001)
                : Map.of("ok", true, "events", page, "next", 1000))) {
            Cli.Run r = Cli.hactl("events", "--output", "json", "--socket", daemon.socket.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(1001, r.out().split("\n").length);
            assertEquals(List.of("{\"cmd\":\"events\",\"limit\":1000}", "{\"cmd\":\"events\",\"after\":1000,\"limit\":1000}"),
                    daemon.requests);
        }
    }

    @Test
    void followPollsWithTheCursorAndPrintsOnlyNewEvents() throws Exception {
        Map<String, Object> first = journal();
        AtomicInteger polls = new AtomicInteger();
        Map<String, Object> later = new LinkedHashMap<>();
        later.put("ts", "2026-11-21T22:31:00.000Z");
        later.put("node", "node-a");
        later.put("kind", "release");
        later.put("group", "web");
        later.put("cause", "hactl failover web --to node-b");
        try (FakeDaemon daemon = new FakeDaemon(dir.resolve("c.sock"), req -> {
            if (!req.containsKey("after")) {
                return first;
            }
            return polls.incrementAndGet() == 2 ? Map.of("ok", true, "events", List.of(later), "next", 8)
                    : Map.of("ok", true, "events", List.of(), "next", req.get("after"));
        })) {
            Cli.CountingPacer pacer = new Cli.CountingPacer(3);
            Cli.Run r = Cli.hactl(Cli.env(pacer), "events", "--follow", "--socket", daemon.socket.toString());
            assertEquals(0, r.code(), r.err());
            String[] lines = r.out().split("\n");
            assertEquals(1 + 7 + 1, lines.length, r.out());
            assertTrue(lines[8].contains("release") && lines[8].contains("hactl failover web --to node-b"), lines[8]);
            assertEquals(List.of("{\"cmd\":\"events\",\"limit\":1000}", "{\"cmd\":\"events\",\"after\":7,\"limit\":1000}",
                    "{\"cmd\":\"events\",\"after\":7,\"limit\":1000}", "{\"cmd\":\"events\",\"after\":8,\"limit\":1000}"),
                    daemon.requests);
            assertEquals(Duration.ofMillis(200), pacer.waits.get(0));
        }
    }

    @Test
    void aDaemonThatRefusesIsExit1() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), Map.of("ok", false, "error", "no journal"))) {
            Cli.Run r = Cli.hactl("events", "--socket", daemon.socket.toString());
            assertEquals(ExitCode.FAILED.code(), r.code());
            assertEquals("hactl: no journal\n", r.err());
        }
    }
}
