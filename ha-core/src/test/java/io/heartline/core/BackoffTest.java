package io.heartline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The schedules the four former backoffs used (serial link, fence retry, alerts), and the limits. */
class BackoffTest {
    private final Backoff fence = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    @Test
    void growsByTheFactorUpToTheMax() {
        assertEquals(Duration.ofSeconds(1), fence.delay(1));
        assertEquals(Duration.ofSeconds(2), fence.delay(2));
        assertEquals(Duration.ofSeconds(4), fence.delay(3));
        assertEquals(Duration.ofSeconds(16), fence.delay(5));
        assertEquals(Duration.ofSeconds(30), fence.delay(6));
        assertEquals(Duration.ofSeconds(30), fence.delay(1_000_000), "no overflow, still the max");
        assertEquals(30_000_000_000L, fence.delayNanos(7));
    }

    /** The serial link's schedule: 50 ms doubling to 2 s. */
    @Test
    void serialLinkDoublesFromFiftyMillisToTwoSeconds() {
        Backoff b = Backoff.exponential(Duration.ofMillis(50), 2.0, Duration.ofSeconds(2)).untilStopped();
        List<Long> delays = IntStream.rangeClosed(1, 9).mapToObj(n -> b.delay(n).toMillis()).toList();
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L), delays);
        assertFalse(b.exhausted(1_000_000, Duration.ofDays(365)), "until stopped: never exhausted");
    }

    /** The alert channels' schedule: 1 s doubling to 5 min. */
    @Test
    void alertsDoubleFromOneSecondToFiveMinutes() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
        List<Long> seconds = IntStream.rangeClosed(1, 12).mapToObj(n -> b.delay(n).toSeconds()).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L), seconds);
    }

    @Test
    void nextFollowsTheSameSchedule() {
        Duration d = fence.delay(1);
        for (int attempt = 2; attempt < 10; attempt++) {
            d = fence.next(d);
            assertEquals(fence.delay(attempt), d, "attempt " + attempt);
        }
        assertEquals(Duration.ofSeconds(1), fence.next(Duration.ZERO), "never below initial");
    }

    @Test
    void aFactorOfOneIsAFixedDelay() {
        Backoff fixed = Backoff.exponential(Duration.ofMillis(500), 1.0, Duration.ofMillis(500));
        assertEquals(Duration.ofMillis(500), fixed.delay(7));
    }

    @Test
    void exhaustedByTimeOrAttempts() {
        Backoff p = fence.giveUpAfter(5, Duration.ofHours(1));
        assertFalse(p.exhausted(4, Duration.ofMinutes(59)));
        assertTrue(p.exhausted(5, Duration.ofMinutes(1)));
        assertTrue(p.exhausted(2, Duration.ofMinutes(61)));
        assertFalse(fence.giveUpAfter(Backoff.NO_ATTEMPT_LIMIT, Duration.ofHours(1)).exhausted(1000, Duration.ofMinutes(60)),
                "no attempt limit: only the time counts");
        assertTrue(fence.giveUpAfter(3, Backoff.NO_TIME_LIMIT).exhausted(3, Duration.ofDays(1)));
        assertFalse(fence.giveUpAfter(3, Backoff.NO_TIME_LIMIT).exhausted(2, Duration.ofDays(1000)));
    }

    /** Nothing retries forever by accident: a schedule must say how it ends before it is asked. */
    @Test
    void aScheduleWithoutAnyLimitRefusesToSayWhenToGiveUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fence.exhausted(1, Duration.ZERO));
        assertTrue(e.getMessage().contains("no give-up limit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fence.giveUpAfter(0, Duration.ZERO));
        assertFalse(fence.untilStopped().exhausted(Integer.MAX_VALUE, Duration.ofDays(10_000)));
        assertFalse(fence.untilStopped().giveUpAfter(2, Duration.ZERO).exhausted(1, Duration.ZERO),
                "a limit given later replaces 'until stopped'");
    }

    @Test
    void jitterTakesARandomShareOffAndNeverExceedsTheMax() {
        double[] draws = {0.0, 0.5, 0.999_999};
        int[] next = {0};
        Backoff j = fence.withJitter(0.5, () -> draws[next[0]++ % draws.length]);
        assertEquals(Duration.ofSeconds(4), j.delay(3), "a draw of 0 takes nothing off");
        assertEquals(Duration.ofSeconds(3), j.delay(3), "a draw of 0.5 takes a quarter off (half of the jitter)");
        Duration low = j.delay(3);
        assertTrue(low.compareTo(Duration.ofSeconds(2)) > 0 && low.compareTo(Duration.ofMillis(2001)) < 0, low.toString());
        for (int i = 0; i < 6; i++) {
            assertTrue(j.delay(100).compareTo(Duration.ofSeconds(30)) <= 0);
        }
        assertEquals(Duration.ofSeconds(4), fence.delay(3), "no jitter unless asked for");
    }

    @Test
    void aJitterSourceOutsideZeroToOneIsABug() {
        Backoff bad = fence.withJitter(0.2, () -> 1.0);
        assertThrows(IllegalStateException.class, () -> bad.delay(1));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ZERO, 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> fence.giveUpAfter(-1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> fence.giveUpAfter(1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> fence.withJitter(1.5, () -> 0.0));
        assertThrows(IllegalArgumentException.class, () -> fence.delay(0));
    }
}
