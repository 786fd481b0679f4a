package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What {@link FenceAgentsAgent} writes on a fence agent's stdin, and how it reads the exit, with a recording fake agent. */
class FenceAgentsAgentStdinTest {
    private static final NodeId B = new NodeId("node-b");
    private static final String SECRET = "Pa55-w0rd";

    @TempDir
    Path dir;
    private Path agentPath;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void fakeAgent() {
        // Records its stdin, complains loudly (with the password, as a careless agent might),
        // and exits with the code in exit.<action> (0 if absent).
        agentPath = TestScripts.write(dir, "fence_fake", """
                dir=$(dirname "$0")
                cat > "$dir/stdin.txt"
                action=$(sed -n 's/^action=//p' "$dir/stdin.txt")
                echo "logging in with $(sed -n 's/^password=//p' "$dir/stdin.txt")" >&2
                code=$(cat "$dir/exit.$action" 2>/dev/null || echo 0)
                [ "$code" = 0 ] || echo "ERROR: $action went wrong" >&2
                exit "$code"
                """);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void detach() {
        root.detachAppender(logs);
    }

    private FenceAgentsAgent agent() {
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("username", "admin");
        shared.put("password", SECRET);
        shared.put("ip", "192.0.2.1");
        Map<String, String> forB = new LinkedHashMap<>();
        forB.put("ip", "192.0.2.12");
        forB.put("plug", "7");
        return new FenceAgentsAgent(new FenceDevice("pdu", agentPath.toString(), shared, Map.of(B, forB)),
                new AgentProcess(Clock.system()));
    }

    private void exitWith(FenceAction action, int code) throws IOException {
        Files.writeString(dir.resolve("exit." + action.word()), Integer.toString(code));
    }

    @Test
    void optionsGoOnStdinAsKeyValueLinesEndingWithNodenameAndAction() throws IOException {
        FenceResult r = agent().run(FenceAction.OFF, B, Duration.ofSeconds(10));
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(List.of("username=admin", "password=" + SECRET, "ip=192.0.2.12", "plug=7", "nodename=node-b", "action=off"),
                Files.readAllLines(dir.resolve("stdin.txt")));
    }

    @Test
    void statusExitCodesGiveThePowerState() throws IOException {
        exitWith(FenceAction.STATUS, 2);
        assertEquals(PowerState.OFF, agent().run(FenceAction.STATUS, B, Duration.ofSeconds(10)).power());
        exitWith(FenceAction.STATUS, 0);
        assertEquals(PowerState.ON, agent().run(FenceAction.STATUS, B, Duration.ofSeconds(10)).power());
        exitWith(FenceAction.STATUS, 1);
        FenceResult r = agent().run(FenceAction.STATUS, B, Duration.ofSeconds(10));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals("pdu status failed (exit 1): ERROR: status went wrong", r.detail());
    }

    @Test
    void thePasswordIsNeitherLoggedNorInTheDetail() throws IOException {
        exitWith(FenceAction.OFF, 1);
        FenceResult r = agent().run(FenceAction.OFF, B, Duration.ofSeconds(10));
        assertEquals(Outcome.FAILED, r.outcome());
        assertFalse(r.detail().contains(SECRET), r.detail());
        assertFalse(logs.list.isEmpty(), "the agent logs what it does");
        for (ILoggingEvent e : logs.list) {
            assertFalse(e.getFormattedMessage().contains(SECRET), e.getFormattedMessage());
        }
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("password=******")));
    }

    @Test
    void aNodeTheDeviceDoesNotFenceFailsWithoutRunningTheAgent() {
        FenceResult r = agent().run(FenceAction.STATUS, new NodeId("node-z"), Duration.ofSeconds(10));
        assertEquals(FenceResult.failed("fence device pdu is not configured for node node-z (it fences [node-b])", Duration.ZERO), r);
        assertFalse(Files.exists(dir.resolve("stdin.txt")), "the agent did not run");
    }
}
