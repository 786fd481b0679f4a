package io.heartline.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ExitCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The fatal path: release the VIPs within its budget, then halt with HALTED; once only. */
class FatalTest {
    final List<String> steps = new CopyOnWriteArrayList<>();

    @Test
    void releasesTheVipsThenHaltsWithItsOwnExitCode() {
        Fatal fatal = new Fatal(() -> steps.add("release"), code -> steps.add("halt " + code));
        fatal.die("event loop", new OutOfMemoryError("test"));
        assertEquals(List.of("release", "halt " + ExitCode.HALTED.code()), steps);
    }

    @Test
    void aReleaseThatHangsDoesNotHoldTheHaltBeyondItsBudget() {
        CountDownLatch never = new CountDownLatch(1);
        Fatal fatal = new Fatal(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, code -> steps.add("halt " + code));
        long t0 = System.nanoTime();
        fatal.die("event loop", new StackOverflowError());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of("halt 75"), steps);
        assertTrue(ms < Fatal.RELEASE_BUDGET_MS + 2_000, "halted after " + ms + " ms");
        never.countDown();
    }

    @Test
    void onlyTheFirstFailureActsAndOtherThreadsBugsAreOnlyLogged() {
        Fatal fatal = new Fatal(() -> steps.add("release"), code -> steps.add("halt " + code));
        fatal.uncaughtException(new Thread("pool-1-thread-1"), new IllegalStateException("not ours"));
        assertTrue(steps.isEmpty(), "a RuntimeException on a thread that is not ours is logged only");
        fatal.uncaughtException(new Thread("heartline-timer"), new IllegalStateException("ours"));
        fatal.die("event loop", new OutOfMemoryError());
        assertEquals(List.of("release", "halt 75"), steps);
    }
}
