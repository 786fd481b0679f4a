package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ExitCode;
import io.heartline.core.control.StatusText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl status}: the text and JSON goldens, standby and maintenance, and {@code --watch}.
 * {@code golden/status.json} is the daemon's answer; {@code status.txt} and {@code status-output.json} what hactl prints.
 */
class StatusCommandTest {
    @TempDir
    java.nio.file.Path dir;

    static Map<String, Object> status() throws Exception {
        return JSON.std.mapFrom(Golden.read("status.json"));
    }

    static Map<String, Object> answer(Map<String, Object> status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("result", status);
        return answer;
    }

    @Test
    void statusTextMatchesTheGoldenFile() throws Exception {
        Golden.assertMatches("status.txt", StatusText.render(status()));
    }

    @Test
    void standbyAndMaintenanceAreShownFirst() throws Exception {
        Map<String, Object> s = status();
        s.put("mode", "standby");
        s.put("maintenance", true);
        Golden.assertMatches("status-standby-maintenance.txt", StatusText.render(s));
    }

    @Test
    void theWitnessAndThePingNodesAreShownWhenConfigured() throws Exception {
        Map<String, Object> s = status();
        Map<String, Object> witness = new LinkedHashMap<>();
        witness.put("enabled", true);
        witness.put("state", "connected");
        witness.put("since_ms", 754_000);
        witness.put("zookeeper", "zk1:2181,zk2:2181,zk3:2181");
        witness.put("path", "/heartline/lvs");
        witness.put("session", "0x10000d6d9310000");
        witness.put("held", Map.of("web", 7));
        witness.put("sessions_lost", 1);
        s.put("witness", witness);
        Map<String, Object> gw = new LinkedHashMap<>();
        gw.put("address", "10.77.0.254");
        gw.put("reachable", true);
        gw.put("rtt_ms", 0.31);
        gw.put("last_answer_ms", 40);
        gw.put("send_error", null);
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("address", "10.77.1.254");
        router.put("reachable", false);
        router.put("rtt_ms", null);
        router.put("last_answer_ms", null);
        router.put("send_error", "errno 101 (ENETUNREACH: network is unreachable)");
        s.put("ping", Map.of("enabled", true, "interval_ms", 100, "reachable", true, "last_answer_ms", 40,
                "nodes", List.of(gw, router)));
        Golden.assertMatches("status-tiebreaks.txt", StatusText.render(s));
        s.put("witness", Map.of("enabled", false));
        s.put("ping", Map.of("enabled", false));
        assertEquals(Golden.read("status.txt"), StatusText.render(s), "nothing shown for tie-breaks not configured");
    }

    @Test
    void statusAsksTheDaemonAndPrintsTheTablesOrTheJson() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), answer(status()))) {
            Cli.Run text = Cli.hactl("status", "--socket", daemon.socket.toString());
            assertEquals(0, text.code(), text.err());
            assertEquals(Golden.read("status.txt"), text.out());
            Cli.Run json = Cli.hactl("status", "--output", "json", "--socket", daemon.socket.toString());
            assertEquals(0, json.code(), json.err());
            Golden.assertMatches("status-output.json", json.out());
            assertEquals(status(), JSON.std.mapFrom(json.out()));
            assertEquals(List.of("{\"cmd\":\"status\"}", "{\"cmd\":\"status\"}"), daemon.requests);
        }
    }

    @Test
    void modeSentBesideTheResultIsShownToo() throws Exception {
        Map<String, Object> s = status();
        s.remove("mode");
        s.remove("maintenance");
        Map<String, Object> answer = answer(s);
        answer.put("mode", "standby");
        answer.put("maintenance", true);
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), answer)) {
            Cli.Run r = Cli.hactl("status", "--socket", daemon.socket.toString());
            assertTrue(r.out().contains("Mode: STANDBY") && r.out().contains("MAINTENANCE: not managing resources"), r.out());
        }
    }

    @Test
    void watchRedrawsInPlaceEveryIntervalUntilStopped() throws Exception {
        Cli.CountingPacer pacer = new Cli.CountingPacer(2);
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), answer(status()))) {
            Cli.Run r = Cli.hactl(Cli.env(pacer), "status", "--watch", "--socket", daemon.socket.toString());
            assertEquals(0, r.code(), r.err());
            String frame = StatusCommand.CLEAR + Golden.read("status.txt");
            assertEquals(frame.repeat(3), r.out());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), pacer.waits);
            assertEquals(3, daemon.requests.size());
        }
    }

    @Test
    void watchInJsonIsOneObjectPerLinePerRefreshAtTheGivenInterval() throws Exception {
        Cli.CountingPacer pacer = new Cli.CountingPacer(1);
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), answer(status()))) {
            Cli.Run r = Cli.hactl(Cli.env(pacer), "status", "--watch", "2.5", "--json", "--socket", daemon.socket.toString());
            assertEquals(0, r.code(), r.err());
            String[] lines = r.out().split("\n");
            assertEquals(2, lines.length, r.out());
            for (String line : lines) {
                assertEquals(status(), JSON.std.mapFrom(line));
            }
            assertEquals(Duration.ofMillis(2500), pacer.waits.get(0));
        }
    }

    @Test
    void watchKeepsGoingWhileTheDaemonIsAway() {
        Cli.CountingPacer pacer = new Cli.CountingPacer(1);
        Cli.Run r = Cli.hactl(Cli.env(pacer), "status", "--watch", "--socket", dir.resolve("none.sock").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().split("\033\\[H").length - 1, r.out());
        assertTrue(r.out().contains("hactl: no daemon: control socket"), r.out());
    }

    @Test
    void watchRejectsAZeroInterval() {
        Cli.Run r = Cli.hactl("status", "--watch", "0", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("--watch: SECONDS must be above 0"), r.err());
    }

    @Test
    void aRefusedStatusIsExit1WithTheDaemonsError() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("c.sock"), Map.of("ok", false, "error", "shutting down"))) {
            Cli.Run r = Cli.hactl("status", "--socket", daemon.socket.toString());
            assertEquals(ExitCode.FAILED.code(), r.code());
            assertEquals("hactl: shutting down\n", r.err());
        }
    }
}
