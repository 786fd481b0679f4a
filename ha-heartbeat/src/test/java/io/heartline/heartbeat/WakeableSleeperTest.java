package io.heartline.heartbeat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The real {@link Sleeper}: it waits, and {@link Sleeper#cancel()} ends a wait at once. */
class WakeableSleeperTest {
    @Test
    void waitsAboutAsLongAsAsked() throws InterruptedException {
        Sleeper s = Sleeper.wakeable();
        long t0 = System.nanoTime();
        s.sleep(Duration.ofMillis(30));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(30).toNanos(), "not woken early");
    }

    @Test
    void cancelEndsALongWaitAndEveryLaterOne() throws InterruptedException {
        Sleeper s = Sleeper.wakeable();
        AtomicBoolean woke = new AtomicBoolean();
        Thread sleeper = new Thread(() -> {
            try {
                s.sleep(Duration.ofMinutes(10));
                woke.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        await().atMost(Timing.millis(5000)).until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);
        s.cancel();
        sleeper.join(Timing.millis(5000).toMillis());
        assertFalse(sleeper.isAlive(), "cancel woke the sleeper");
        assertTrue(woke.get());
        s.sleep(Duration.ofMinutes(10)); // returns at once, or this test never ends
    }
}
