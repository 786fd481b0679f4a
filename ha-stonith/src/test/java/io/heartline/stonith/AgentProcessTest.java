package io.heartline.stonith;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentProcessTest {
    private final AgentProcess runner = new AgentProcess(Clock.system(), 1000);

    @TempDir
    Path dir;

    @Test
    void feedsStdinAndCapturesBothOutputsAndTheExitCode() {
        AgentProcess.Result r = runner.run(List.of("/bin/sh", "-c", "cat; echo oops >&2; exit 3"), "a=1\nb=2\n",
                Duration.ofSeconds(10), List.of());
        assertEquals(AgentProcess.Ending.EXITED, r.ending());
        assertEquals(3, r.exitCode());
        assertEquals("a=1\nb=2\n", r.stdout());
        assertEquals("oops\n", r.stderr());
        assertTrue(r.exited(3));
    }

    @Test
    void killsTheWholeTreeAtTheTimeout() {
        Path script = TestScripts.write(dir, "stuck", """
                echo $$ > "$(dirname "$0")/parent.pid"
                sh -c 'echo $$ > "$1/grandchild.pid"; exec sleep 300' - "$(dirname "$0")" &
                wait
                """);
        AgentProcess.Result r = runner.run(List.of(script.toString()), "", Duration.ofMillis(700), List.of());
        assertEquals(AgentProcess.Ending.TIMED_OUT, r.ending());
        assertEquals(-1, r.exitCode());
        assertTrue(r.took().compareTo(Duration.ofMillis(700)) >= 0, r.toString());
        OptionalLong parent = TestScripts.pid(dir.resolve("parent.pid"));
        OptionalLong grandchild = TestScripts.pid(dir.resolve("grandchild.pid"));
        assertTrue(parent.isPresent() && grandchild.isPresent(), "the script ran");
        await().atMost(Timing.seconds(5)).until(() -> !TestScripts.alive(parent.getAsLong()) && !TestScripts.alive(grandchild.getAsLong()));
    }

    @Test
    void keepsABoundedPartOfAFloodAndStillReadsItAll() {
        AgentProcess.Result r = runner.run(List.of("/bin/sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' a; echo done >&2"), "",
                Duration.ofSeconds(20), List.of());
        assertEquals(AgentProcess.Ending.EXITED, r.ending(), "a flood does not block the agent");
        assertEquals(0, r.exitCode());
        assertEquals("a".repeat(1000) + "\n[999000 more bytes not kept]", r.stdout());
        assertEquals("done\n", r.stderr());
    }

    @Test
    void masksSecretsInTheOutput() {
        AgentProcess.Result r = runner.run(List.of("/bin/sh", "-c", "echo login admin password s3cr3t; echo bad s3cr3t >&2"), "",
                Duration.ofSeconds(10), List.of("s3cr3t"));
        assertEquals("login admin password ******\n", r.stdout());
        assertEquals("bad ******\n", r.stderr());
    }

    @Test
    void aMissingProgramIsReportedNotThrown() {
        AgentProcess.Result r = runner.run(List.of(dir.resolve("missing").toString()), "", Duration.ofSeconds(5), List.of());
        assertEquals(AgentProcess.Ending.NOT_STARTED, r.ending());
        assertTrue(r.error().startsWith("cannot run " + dir.resolve("missing")), r.error());
    }

    @Test
    void anInterruptKillsTheProgramAndKeepsTheFlag() throws Exception {
        Path script = TestScripts.write(dir, "slow", "echo $$ > \"$(dirname \"$0\")/slow.pid\"\nexec sleep 300\n");
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        CompletableFuture<AgentProcess.Result> f = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            AgentProcess.Result r = runner.run(List.of(script.toString()), "", Duration.ofSeconds(60), List.of());
            flagKept.set(Thread.interrupted());
            return r;
        });
        await().atMost(Timing.seconds(10)).until(() -> TestScripts.pid(dir.resolve("slow.pid")).isPresent());
        worker.get().interrupt();

        AgentProcess.Result r = f.get(10, TimeUnit.SECONDS);
        assertEquals(AgentProcess.Ending.INTERRUPTED, r.ending());
        assertTrue(flagKept.get(), "the interrupt flag is restored");
        long pid = TestScripts.pid(dir.resolve("slow.pid")).getAsLong();
        await().atMost(Timing.seconds(5)).until(() -> !TestScripts.alive(pid));
        assertFalse(TestScripts.alive(pid));
    }
}
