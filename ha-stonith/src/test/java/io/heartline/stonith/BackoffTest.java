package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    @Test
    void growsByTheFactorUpToTheMax() {
        assertEquals(Duration.ofSeconds(1), backoff.delay(1));
        assertEquals(Duration.ofSeconds(2), backoff.delay(2));
        assertEquals(Duration.ofSeconds(4), backoff.delay(3));
        assertEquals(Duration.ofSeconds(16), backoff.delay(5));
        assertEquals(Duration.ofSeconds(30), backoff.delay(6));
        assertEquals(Duration.ofSeconds(30), backoff.delay(1_000_000), "no overflow, still the max");
    }

    @Test
    void nextFollowsTheSameSchedule() {
        Duration d = backoff.delay(1);
        for (int attempt = 2; attempt < 10; attempt++) {
            d = backoff.next(d);
            assertEquals(backoff.delay(attempt), d, "attempt " + attempt);
        }
        assertEquals(Duration.ofSeconds(1), backoff.next(Duration.ZERO), "never below initial");
    }

    @Test
    void aFactorOfOneIsAFixedDelay() {
        Backoff fixed = new Backoff(Duration.ofMillis(500), 1.0, Duration.ofMillis(500));
        assertEquals(Duration.ofMillis(500), fixed.delay(7));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0));
    }
}
