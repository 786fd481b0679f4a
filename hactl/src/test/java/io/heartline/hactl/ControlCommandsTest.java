package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that is one control request, in text and in JSON, against a fake daemon: what it
 * sends, what it prints, its exit code (golden transcripts in {@code golden/commands/}).
 */
class ControlCommandsTest {
    @TempDir
    Path dir;

    /** golden name (also the key of the daemon's canned answer), expected exit code, hactl arguments */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("failover", 0, List.of("failover", "web", "--to", "node-b")),
                Arguments.of("failover-refused", 1, List.of("failover", "web", "--to", "node-c")),
                Arguments.of("standby", 0, List.of("standby")),
                Arguments.of("online", 0, List.of("online")),
                Arguments.of("maintenance-on", 0, List.of("maintenance", "on")),
                Arguments.of("maintenance-off", 0, List.of("maintenance", "off")),
                Arguments.of("reload", 0, List.of("reload")),
                Arguments.of("reload-unchanged", 0, List.of("reload")),
                Arguments.of("reload-refused", 78, List.of("reload")),
                Arguments.of("reload-failed", 1, List.of("reload")),
                Arguments.of("fence", 0, List.of("fence", "node-b")),
                Arguments.of("fence-ack", 0, List.of("fence-ack", "node-b", "--yes-i-checked", "node-b")),
                Arguments.of("resource-cleanup", 0, List.of("resource", "cleanup", "web/db")),
                Arguments.of("notify-test", 0, List.of("notify", "test", "sms")),
                Arguments.of("version", 0, List.of("version")),
                Arguments.of("version-unknown", 0, List.of("version")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void textMatchesTheGoldenTranscript(String name, int exit, List<String> args) throws Exception {
        Golden.assertMatches("commands/" + name + ".text", run(name, exit, args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void jsonMatchesTheGoldenTranscript(String name, int exit, List<String> args) throws Exception {
        List<String> json = new ArrayList<>(args);
        json.addAll(List.of("--output", "json"));
        Golden.assertMatches("commands/" + name + ".json", run(name, exit, json));
    }

    private String run(String name, int exit, List<String> args) throws Exception {
        Map<String, Object> answer = answer(name);
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("control.sock"), answer)) {
            List<String> withSocket = new ArrayList<>(args);
            withSocket.addAll(List.of("--socket", daemon.socket.toString()));
            Cli.Run r = Cli.hactl(withSocket.toArray(String[]::new));
            assertEquals(exit, r.code(), r.err());
            return Transcript.of(args, daemon.requests, r, dir);
        }
    }

    static Map<String, Object> answer(String name) throws Exception {
        Object answer = JSON.std.mapFrom(Golden.read("daemon-answers.json")).get(name);
        if (!(answer instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("daemon-answers.json has no answer named " + name);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) answer;
        return m;
    }

    @Test
    void jsonIsAnAliasOfOutputJson() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("control.sock"), answer("failover"))) {
            String socket = daemon.socket.toString();
            Cli.Run alias = Cli.hactl("failover", "web", "--json", "--socket", socket);
            Cli.Run output = Cli.hactl("failover", "web", "-o", "json", "--socket", socket);
            assertEquals(0, alias.code(), alias.err());
            assertEquals(output.out(), alias.out());
            assertTrue(alias.out().startsWith("{"), alias.out());
        }
    }

    @Test
    void versionWithoutADaemonSaysSoAndExits0() throws Exception {
        List<String> args = List.of("version", "--socket", dir.resolve("none.sock").toString());
        Golden.assertMatches("commands/version-no-daemon.text", Transcript.of(args, List.of(), Cli.hactl(args.toArray(String[]::new)), dir));
        List<String> json = List.of("version", "--output", "json", "--socket", dir.resolve("none.sock").toString());
        Golden.assertMatches("commands/version-no-daemon.json", Transcript.of(json, List.of(), Cli.hactl(json.toArray(String[]::new)), dir));
    }

    @Test
    void hactlVersionComesFromTheBuildNotFromSource() {
        assertTrue(HactlVersion.version().matches("\\d+\\.\\d+\\.\\d+.*"), HactlVersion.version());
        Cli.Run r = Cli.hactl("--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("hactl " + HactlVersion.version() + "\n", r.out());
    }

    @Test
    void anUnreachableDaemonInJsonModeIsAJsonErrorAndExit69() {
        Cli.Run r = Cli.hactl("standby", "--output", "json", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.UNAVAILABLE.code(), r.code());
        assertTrue(r.out().contains("\"ok\" : false") && r.out().contains("does not exist"), r.out());
    }

    @Test
    void maintenanceTakesOnlyOnOrOff() {
        Cli.Run r = Cli.hactl("maintenance", "maybe", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("maybe"), r.err());
    }

    @Test
    void fenceAckWithoutTheNodeNamedTwiceSendsNothing() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("control.sock"), answer("fence-ack"))) {
            String socket = daemon.socket.toString();
            Cli.Run missing = Cli.hactl("fence-ack", "node-b", "--socket", socket);
            assertEquals(ExitCode.USAGE.code(), missing.code());
            assertTrue(missing.err().contains("fence-ack node-b is not confirmed") && missing.err().contains("still alive")
                    && missing.err().contains("--yes-i-checked node-b"), missing.err());
            Cli.Run other = Cli.hactl("fence-ack", "node-b", "--yes-i-checked", "node-c", "--socket", socket);
            assertEquals(ExitCode.USAGE.code(), other.code());
            assertTrue(other.err().contains("confirmed for 'node-c', not for node-b"), other.err());
            assertEquals(List.of(), daemon.requests);
        }
    }

    @Test
    void aNodeThatIsNoNodeNameIsAUsageError() {
        Cli.Run r = Cli.hactl("failover", "web", "--to", "../etc", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("not a node name: '../etc'"), r.err());
    }

    @Test
    void aBusyDaemonIsReportedAsRefused() throws Exception {
        java.util.Map<String, Object> busy = io.heartline.core.control.Answers.busy(64);
        try (FakeDaemon daemon = FakeDaemon.answering(dir.resolve("control.sock"), busy)) {
            Cli.Run r = Cli.hactl("standby", "--socket", daemon.socket.toString());
            assertEquals(ExitCode.FAILED.code(), r.code());
            assertEquals("hactl: busy: 64 connections open (control.max-connections)\n", r.err());
        }
    }
}
