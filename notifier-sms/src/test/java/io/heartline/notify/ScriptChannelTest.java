package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notify scripts run for real under /bin/sh. */
class ScriptChannelTest {
    private static final Alert ALERT = new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL, "node-b", "web",
            "takeover of web", "owner node-a dead, silent 1010ms", Instant.parse("2026-03-04T21:05:11Z"));

    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path p = dir.resolve("notify.sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private ScriptChannel channel(Path script, Duration timeout) {
        return new ScriptChannel(new ScriptConfig("notify", script, timeout, 160, ChannelFilter.ALL,
                DeliveryPolicy.defaults()));
    }

    @Test
    void theScriptGetsKindNodeGroupAndTheEnvironment() throws Exception {
        Path out = dir.resolve("seen");
        channel(script("{ echo \"args:$1|$2|$3|$#\"; env | grep '^HEARTLINE_' | sort; } > " + out), Duration.ofSeconds(10))
                .deliver(ALERT);
        List<String> seen = Files.readAllLines(out);
        assertEquals(List.of("args:takeover|node-b|web|3",
                "HEARTLINE_CAUSE=owner node-a dead, silent 1010ms",
                "HEARTLINE_GROUP=web",
                "HEARTLINE_KIND=takeover",
                "HEARTLINE_NODE=node-b",
                "HEARTLINE_SEVERITY=CRITICAL",
                "HEARTLINE_TEXT=HL node-b: takeover of web (owner node-a dead, silent 1010ms) 21:05:11Z",
                "HEARTLINE_TIME=2026-03-04T21:05:11Z",
                "HEARTLINE_WHAT=takeover of web"), seen);
    }

    @Test
    void noGroupIsAnEmptyArgument() throws Exception {
        Path out = dir.resolve("seen");
        channel(script("echo \"$#:[$3]:[$HEARTLINE_GROUP]\" > " + out), Duration.ofSeconds(10)).deliver(
                new Alert(AlertKinds.DAEMON_START, Severity.INFO, "node-b", null, "daemon started", "", ALERT.time()));
        assertEquals("3:[]:[]", Files.readString(out).strip());
    }

    @Test
    void aNonZeroExitIsTemporaryWithTheScriptsOutput() throws Exception {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(script("echo 'mail queue full' >&2; exit 3"), Duration.ofSeconds(10)).deliver(ALERT));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().endsWith("exited 3: mail queue full"), e.getMessage());
    }

    @Test
    void aScriptThatCannotRunIsPermanent() throws Exception {
        DeliveryException missing = assertThrows(DeliveryException.class,
                () -> channel(dir.resolve("nope.sh"), Duration.ofSeconds(1)).deliver(ALERT));
        assertFalse(missing.retryable());
        Path notExecutable = dir.resolve("plain.sh");
        Files.writeString(notExecutable, "#!/bin/sh\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        assertFalse(assertThrows(DeliveryException.class,
                () -> channel(notExecutable, Duration.ofSeconds(1)).deliver(ALERT)).retryable());
    }

    @Test
    void atTheTimeoutTheScriptAndItsChildrenAreKilled() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = script("sleep 300 &\necho $! > " + pids + ".tmp\n(sleep 300; echo never) &\necho $! >> "
                + pids + ".tmp\nmv " + pids + ".tmp " + pids + "\necho started\nsleep 300");
        long start = System.nanoTime();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> channel(script, Duration.ofSeconds(1)).deliver(ALERT));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("timed out after 1s, killed with its children: started"), e.getMessage());
        assertTrue(tookMs < Timing.seconds(10).toMillis(), "returned after " + tookMs + " ms");
        List<Long> children = Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
        assertEquals(2, children.size());
        for (long pid : children) {
            Awaitility.await("child " + pid + " killed").atMost(Timing.seconds(5))
                    .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }
}
