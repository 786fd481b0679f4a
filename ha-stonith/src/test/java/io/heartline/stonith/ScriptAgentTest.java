package io.heartline.stonith;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.process.AgentProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ScriptAgent} against a script that keeps each node's power in a file. */
class ScriptAgentTest extends FenceAgentContract {
    private static final NodeId NODE_B = new NodeId("node-b");

    @TempDir
    static Path dir;
    private Path script;
    private Path hanging;

    @BeforeAll
    void writeScripts() {
        script = TestScripts.write(dir, "fence-script", """
                dir=$(dirname "$0")
                action=$1; node=$2
                case "$node" in
                  node-b|node-c) ;;
                  *) echo "unknown node $node" >&2; exit 1 ;;
                esac
                case "$action" in
                  off) echo 0 > "$dir/$node.power"; echo "$node powered off" ;;
                  on|reboot) echo 1 > "$dir/$node.power"; echo "$node powered on" ;;
                  status)
                    if [ "$(cat "$dir/$node.power" 2>/dev/null || echo 1)" = 1 ]; then echo "$node is on"; exit 0; fi
                    echo "$node is off"; exit 2 ;;
                  *) echo "unknown action $action" >&2; exit 1 ;;
                esac
                """);
        hanging = TestScripts.write(dir, "hanging-script", """
                dir=$(dirname "$0")
                echo $$ > "$dir/hang.pid"
                sleep 300 &
                echo $! > "$dir/hang.child"
                wait
                """);
    }

    @Override
    protected FenceAgent agent() {
        return new ScriptAgent("script", script, new AgentProcess(Clock.system()));
    }

    @Override
    protected NodeId target() {
        return NODE_B;
    }

    @Override
    protected NodeId unknownNode() {
        return new NodeId("node-z");
    }

    @Override
    protected FenceAgent hangingAgent() {
        return new ScriptAgent("stuck", hanging, new AgentProcess(Clock.system()));
    }

    @Override
    protected void assertHangingAgentLeftNothingBehind() {
        OptionalLong shell = TestScripts.pid(dir.resolve("hang.pid"));
        OptionalLong child = TestScripts.pid(dir.resolve("hang.child"));
        assertTrue(shell.isPresent() && child.isPresent(), "the hanging script wrote its pids");
        await().atMost(Timing.seconds(5)).until(() -> !TestScripts.alive(shell.getAsLong()) && !TestScripts.alive(child.getAsLong()));
    }

    @Test
    void theUnknownNodeFailureCarriesWhatTheScriptSaid() {
        FenceResult r = agent().run(FenceAction.OFF, new NodeId("node-z"), Duration.ofSeconds(10));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals("script off failed (exit 1): unknown node node-z", r.detail());
    }

    @Test
    void aMissingScriptFailsCleanly() {
        FenceResult r = new ScriptAgent("gone", dir.resolve("no-such-script"), new AgentProcess(Clock.system()))
                .run(FenceAction.OFF, NODE_B, Duration.ofSeconds(5));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("gone off: cannot run " + dir.resolve("no-such-script")), r.detail());
    }

    @Test
    void successKeepsTheScriptsLastLine() {
        FenceResult r = agent().run(FenceAction.OFF, new NodeId("node-c"), Duration.ofSeconds(10));
        assertEquals(FenceResult.ok(PowerState.OFF, "script off: done (node-c powered off)", r.took()), r);
    }
}
