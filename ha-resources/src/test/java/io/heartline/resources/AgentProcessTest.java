package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentProcessTest {
    private final AgentProcess runner = new AgentProcess(Clock.system(), 1024, Duration.ofMillis(500));

    @TempDir
    Path dir;

    @Test
    void capturesExitCodeStdoutAndStderrApart() throws IOException {
        var o = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Map.of(), Duration.ofSeconds(10));
        assertEquals(3, o.exitCode());
        assertEquals("out\n", o.stdout());
        assertEquals("err\n", o.stderr());
        assertEquals("out\nerr", o.combined());
        assertFalse(o.timedOut());
    }

    @Test
    void passesTheEnvironmentAndDropsInheritedOcfVariables() throws IOException {
        var o = runner.run(List.of("sh", "-c", "env | grep -E '^(OCF_|HL_)' | sort"), Map.of("HL_X", "1", "OCF_ROOT", "/x"),
                Duration.ofSeconds(10));
        assertEquals("HL_X=1\nOCF_ROOT=/x\n", o.stdout());
    }

    @Test
    void boundsTheOutputItKeeps() throws IOException {
        var o = runner.run(List.of("sh", "-c", "head -c 5000 /dev/zero | tr '\\0' x"), Map.of(), Duration.ofSeconds(10));
        assertTrue(o.stdout().startsWith("x".repeat(1024) + "\n[... 3976 more bytes not kept]"), o.stdout());
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pids = dir.resolve("pids");
        String script = "sleep 300 & echo $! >> " + pids + "; sh -c 'sleep 300 & echo $! >> " + pids + "; wait' & wait";
        long t0 = System.nanoTime();
        var o = runner.run(List.of("sh", "-c", script), Map.of(), Duration.ofMillis(500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(o.timedOut());
        assertEquals(-1, o.exitCode());
        assertTrue(ms < 3_000, "returned in " + ms + " ms");
        List<String> children = Files.readAllLines(pids);
        assertEquals(2, children.size(), "a child and a grandchild were started");
        for (String pid : children) {
            assertTrue(Procs.gone(Long.parseLong(pid.strip())), "pid " + pid + " survived");
        }
    }

    @Test
    void aProcessThatIgnoresSigtermGetsSigkillAfterTheGrace() throws Exception {
        Path pid = dir.resolve("pid");
        String script = "trap '' TERM; echo $$ > " + pid + "; while :; do sleep 0.05; done";
        var o = runner.run(List.of("bash", "-c", script), Map.of(), Duration.ofMillis(300));
        assertTrue(o.timedOut());
        assertTrue(Procs.gone(Long.parseLong(Files.readString(pid).strip())));
    }

    @Test
    void aBackgroundChildHoldingStdoutDoesNotBlockTheResult() throws Exception {
        Path pid = dir.resolve("pid");
        long t0 = System.nanoTime();
        var o = runner.run(List.of("sh", "-c", "sleep 30 & echo $! > " + pid + "; echo started"), Map.of(), Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        try {
            assertEquals(0, o.exitCode());
            assertEquals("started\n", o.stdout());
            assertTrue(ms < 5_000, "took " + ms + " ms");
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aMissingCommandCannotStart() {
        assertThrows(IOException.class, () -> runner.run(List.of(dir.resolve("nope").toString()), Map.of(), Duration.ofSeconds(1)));
    }
}
