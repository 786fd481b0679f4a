package io.heartline.core.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.process.AgentProcess.Command;
import io.heartline.core.process.AgentProcess.Ending;
import io.heartline.core.process.AgentProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: what resource and fence agents rely on. "Gone" means absent from /proc or a
 * zombie: a killed process whose new parent (init here) has not reaped it yet has exited all the same.
 */
class AgentProcessTest {
    private final AgentProcess runner = new AgentProcess(Clock.system(), 1024, Duration.ofMillis(500));

    @TempDir
    Path dir;

    @Test
    void capturesExitCodeStdoutAndStderrApart() {
        Result r = runner.run(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertEquals(Ending.EXITED, r.ending());
        assertEquals(3, r.exitCode());
        assertTrue(r.exited(3));
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals("out\nerr", r.combined());
        assertFalse(r.timedOut());
    }

    @Test
    void feedsStdinAndOtherwiseGivesDevNull() {
        Result fed = runner.run(Command.of("/bin/sh", "-c", "cat").withStdin("a=1\nb=2\n"), Duration.ofSeconds(10));
        assertEquals("a=1\nb=2\n", fed.stdout());
        Result none = runner.run(Command.of("/bin/sh", "-c", "cat; echo end"), Duration.ofSeconds(10));
        assertEquals("end\n", none.stdout(), "stdin is /dev/null: cat ends at once");
        assertThrows(IllegalArgumentException.class,
                () -> Command.of("cat").withStdin("x".repeat(AgentProcess.MAX_STDIN + 1)));
    }

    @Test
    void passesTheEnvironmentAndDropsInheritedVariablesByPrefix() {
        Result r = runner.run(Command.of("sh", "-c", "env | grep -E '^(PATH|HL_)' | cut -d= -f1 | sort")
                .withEnv(Map.of("HL_X", "1")).withoutInherited("PATH"), Duration.ofSeconds(10));
        assertEquals("HL_X\n", r.stdout(), "inherited PATH dropped, the given variable kept");
        Result kept = runner.run(Command.of("sh", "-c", "echo $HL_X").withEnv(Map.of("HL_X", "given"))
                .withoutInherited("HL_"), Duration.ofSeconds(10));
        assertEquals("given\n", kept.stdout(), "a variable given with the command stays");
    }

    @Test
    void keepsABoundedPartOfAFloodCountsTheRestAndDoesNotBlockTheAgent() {
        Result r = runner.run(Command.of("/bin/sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' a; echo done >&2"),
                Duration.ofSeconds(20));
        assertEquals(Ending.EXITED, r.ending());
        assertEquals("a".repeat(1024) + "\n[... 998976 more bytes not kept]", r.stdout());
        assertEquals(998_976, r.stdoutDropped());
        assertEquals("done\n", r.stderr());
        assertEquals(0, r.stderrDropped());
    }

    @Test
    void masksSecretsInTheOutput() {
        Result r = runner.run(Command.of("/bin/sh", "-c", "echo login admin password s3cr3t; echo bad s3cr3t >&2")
                .withSecrets(List.of("s3cr3t", "")), Duration.ofSeconds(10));
        assertEquals("login admin password ******\n", r.stdout());
        assertEquals("bad ******\n", r.stderr());
    }

    @Test
    void aMissingOrUnrunnableProgramIsReportedNotThrown() throws IOException {
        Result missing = runner.run(Command.of(dir.resolve("missing").toString()), Duration.ofSeconds(5));
        assertEquals(Ending.NOT_STARTED, missing.ending());
        assertEquals(-1, missing.exitCode());
        assertTrue(missing.error().startsWith("cannot run " + dir.resolve("missing") + ": No such file"), missing.error());
        Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
        assertTrue(runner.run(Command.of(plain.toString()), Duration.ofSeconds(5)).error().endsWith("Permission denied"));
        assertEquals(Ending.NOT_STARTED, runner.run(Command.of("no-such-program-here"), Duration.ofSeconds(5)).ending());
    }

    @Test
    void theAgentLeadsAProcessGroupOfItsOwn() {
        Result r = runner.run(Command.of("sh", "-c", "echo $$ $(cut -d' ' -f5 /proc/$$/stat)"), Duration.ofSeconds(10));
        String[] pidAndGroup = r.stdout().strip().split(" ");
        assertEquals(pidAndGroup[0], pidAndGroup[1], "pid == pgid: a group leader");
        long ours = ProcessGroup.of(ProcessHandle.current().pid()).orElseThrow();
        assertNotEquals(ours, Long.parseLong(pidAndGroup[1]));
    }

    /**
     * The case a tree kill misses: the agent double-forks a {@code sleep 300}, which init adopts at
     * once, then hangs. At the timeout the sleeper is no descendant of ours any more, yet it dies
     * with the agent's process group.
     */
    @Test
    void aTimeoutKillsADoubleForkedChildThatLeftTheTree() throws Exception {
        Path pidFile = dir.resolve("orphan.pid");
        Path agent = script("double-fork", """
                ( sleep 300 & echo $! > "$1.tmp"; mv "$1.tmp" "$1" ) &
                wait
                while :; do sleep 1; done
                """);
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(
                () -> runner.run(Command.of(agent.toString(), pidFile.toString()), Duration.ofSeconds(3)));
        long orphan = awaitPid(pidFile);
        assertTrue(ProcessGroup.running(orphan), "the sleeper runs");
        assertTrue(ProcessHandle.current().descendants().noneMatch(h -> h.pid() == orphan),
                "the sleeper left our process tree (re-parented): descendants() cannot reach it");

        Result r = run.get(20, TimeUnit.SECONDS);
        assertEquals(Ending.TIMED_OUT, r.ending());
        assertEquals(-1, r.exitCode());
        assertTrue(r.took().compareTo(Duration.ofSeconds(3)) >= 0, r.toString());
        assertFalse(ProcessGroup.running(orphan), "pid " + orphan + " survived the timeout");
    }

    @Test
    void aProcessThatIgnoresSigtermGetsSigkillAfterTheGrace() throws Exception {
        Path pid = dir.resolve("pid");
        String script = "trap '' TERM; echo $$ > " + pid + "; while :; do sleep 0.05; done";
        Result r = runner.run(Command.of("bash", "-c", script), Duration.ofMillis(300));
        assertTrue(r.timedOut());
        assertTrue(r.took().compareTo(Duration.ofMillis(300)) >= 0);
        assertFalse(ProcessGroup.running(Long.parseLong(Files.readString(pid).strip())));
    }

    @Test
    void aBackgroundChildHoldingStdoutDoesNotBlockTheResultAndIsNotKilled() throws Exception {
        Path pid = dir.resolve("pid");
        Result r = runner.run(Command.of("sh", "-c", "sleep 30 & echo $! > " + pid + "; echo started"), Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(pid).strip());
        try {
            assertEquals(0, r.exitCode());
            assertEquals("started\n", r.stdout());
            assertTrue(r.took().compareTo(Duration.ofSeconds(5)) < 0, r.toString());
            assertTrue(ProcessGroup.running(child), "an agent that exited by itself keeps what it started (a daemon)");
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void anInterruptKillsTheGroupAndKeepsTheFlag() throws Exception {
        Path pidFile = dir.resolve("slow.pid");
        Path agent = script("slow", "echo $$ > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"\nexec sleep 300\n");
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        CompletableFuture<Result> f = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            Result r = runner.run(Command.of(agent.toString(), pidFile.toString()), Duration.ofSeconds(60));
            flagKept.set(Thread.interrupted());
            return r;
        });
        long pid = awaitPid(pidFile);
        worker.get().interrupt();
        Result r = f.get(20, TimeUnit.SECONDS);
        assertEquals(Ending.INTERRUPTED, r.ending());
        assertTrue(flagKept.get(), "the interrupt flag is restored");
        assertFalse(ProcessGroup.running(pid));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Command.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AgentProcess(Clock.system(), 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new AgentProcess(Clock.system(), 1, Duration.ofSeconds(-1)));
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /** The pid a script wrote (atomically, with mv). */
    private static long awaitPid(Path file) throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
        return Long.parseLong(Files.readString(file).strip());
    }
}
