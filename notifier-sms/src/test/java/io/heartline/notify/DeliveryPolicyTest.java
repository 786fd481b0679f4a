package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    @Test
    void backoffDoublesFromOneSecondToFiveMinutes() {
        DeliveryPolicy p = DeliveryPolicy.defaults();
        List<Long> seconds = IntStream.rangeClosed(1, 12).mapToObj(n -> p.backoff(n).toSeconds()).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L), seconds);
        assertEquals(Duration.ofMinutes(5), p.backoff(1_000_000), "no overflow");
    }

    @Test
    void exhaustedByTimeOrAttempts() {
        DeliveryPolicy p = DeliveryPolicy.defaults().withGiveUp(Duration.ofHours(1), 5);
        assertFalse(p.exhausted(4, Duration.ofMinutes(59)));
        assertTrue(p.exhausted(5, Duration.ofMinutes(1)));
        assertTrue(p.exhausted(2, Duration.ofMinutes(61)));
        assertFalse(DeliveryPolicy.defaults().exhausted(1000, Duration.ofMinutes(60)), "0 attempts means no limit");
    }

    @Test
    void rejectsNonsense() {
        DeliveryPolicy d = DeliveryPolicy.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withBackoff(Duration.ZERO, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> d.withBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> d.withRateLimit(5, Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withRateLimit(-1, Duration.ofMinutes(1), 0));
        assertThrows(IllegalArgumentException.class, () -> d.withGiveUp(Duration.ofSeconds(-1), 0));
        assertThrows(IllegalArgumentException.class, () -> d.backoff(0));
    }

    @Test
    void smsDefaultsAreFivePerTenMinutes() {
        DeliveryPolicy p = DeliveryPolicy.sms();
        assertEquals(5, p.maxPerWindow());
        assertEquals(Duration.ofMinutes(10), p.window());
        assertEquals(2, p.criticalExtra());
        assertTrue(p.rateLimited());
        assertFalse(DeliveryPolicy.defaults().rateLimited());
    }
}
