package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code hactl status}'s fast path (the launcher asks the daemon for the rendered text through
 * socat, no JVM) against the Java command, on a real daemon: the same text, the fast path works
 * with no Java at all, errors still come from the Java command, and both are timed (median of 20,
 * printed; the targets belong to bench/footprint).
 */
class StatusFastPathIT extends LabTest {
    static final int RUNS = 20;

    @Test
    void theFastPathPrintsWhatTheJavaCommandPrints() {
        Lab lab = lab(b -> b.nodes("node-a", "node-b"));
        HeartlinePair pair = new HeartlinePair(lab);
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        String hactl = pair.hactl().toString();
        String socket = pair.socket("node-a").toString();
        // Just after a start the status still changes: compare once the VIP's first monitor has passed.
        await().atMost(Timing.scaled(Duration.ofSeconds(30))).pollInterval(Duration.ofMillis(500)).until(() ->
                run("env", "HEARTLINE_NO_FAST_STATUS=1", hactl, "status", "--socket", socket).stdout().contains("SUCCESS"));
        List<Long> fast = new ArrayList<>();
        List<Long> java = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Shell.Result f = timed(fast, hactl, "status", "--socket", socket);
            Shell.Result j = timed(java, "env", "HEARTLINE_NO_FAST_STATUS=1", hactl, "status", "--socket", socket);
            assertEquals(0, f.exitCode(), f.stderr());
            assertEquals(0, j.exitCode(), j.stderr());
            assertEquals(shape(j.stdout()), shape(f.stdout()), "fast path:\n" + f.stdout() + "\nJava:\n" + j.stdout());
        }
        assertTrue(fastStdout(hactl, socket).contains("node-a"), "the status names the owner");
        System.out.printf("[status] hactl status --socket, %d runs each: fast path median %d ms (p90 %d), Java command"
                + " median %d ms (p90 %d)%n", RUNS, Stats.percentile(fast, 50), Stats.percentile(fast, 90), Stats.percentile(java, 50),
                Stats.percentile(java, 90));

        Shell.Result missing = Shell.run(List.of(hactl, "status", "--socket", pair.work().resolve("no-such.sock").toString()),
                Timing.scaled(Duration.ofSeconds(60)));
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("does not exist"), "the Java command reports the error: " + missing.stderr());
    }

    /** With no Java to start, only the fast path can answer. */
    private static String fastStdout(String hactl, String socket) {
        Shell.Result r = Shell.run(List.of("env", "JAVA=/nonexistent/java", hactl, "status", "--socket", socket),
                Timing.scaled(Duration.ofSeconds(10)));
        assertEquals(0, r.exitCode(), "the fast path ran without a JVM: " + r.stderr());
        return r.stdout();
    }

    private static Shell.Result timed(List<Long> into, String... command) {
        long start = System.nanoTime();
        Shell.Result r = run(command);
        into.add((System.nanoTime() - start) / 1_000_000);
        return r;
    }

    private static Shell.Result run(String... command) {
        return Shell.run(List.of(command), Timing.scaled(Duration.ofSeconds(60)));
    }

    /** The text with numbers and column padding folded: ages and uptimes differ from one run to the next. */
    private static String shape(String text) {
        return text.replaceAll("[0-9]+", "#").replaceAll("(#[a-z]*)+", "#").replaceAll(" +", " ").strip();
    }

}
