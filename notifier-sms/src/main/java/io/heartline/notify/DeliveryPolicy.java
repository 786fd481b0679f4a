package io.heartline.notify;

import io.heartline.core.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a channel queues, retries and limits its alerts.
 *
 * @param queueCapacity  alerts waiting at most; when full the oldest is dropped and counted
 * @param initialBackoff wait after the first failed attempt; doubles after each further failure
 * @param maxBackoff     the longest wait between attempts
 * @param giveUpAfter    no attempt later than this after the first one: the alert is given up
 * @param maxAttempts    give up after this many attempts; 0 means no limit but {@code giveUpAfter}
 * @param maxPerWindow   messages sent per window at most; the rest are held and sent as one
 *                       summary at the end of the window; 0 means no rate limit
 * @param window         the length of a rate-limit window
 * @param criticalExtra  further messages per window only {@link Severity#CRITICAL} alerts may use,
 *                       so a takeover is not held behind a flapping link
 */
public record DeliveryPolicy(int queueCapacity, Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter,
                             int maxAttempts, int maxPerWindow, Duration window, int criticalExtra) {

    public DeliveryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(window, "window");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1: " + queueCapacity);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff " + maxBackoff + " is below initial backoff " + initialBackoff);
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("give-up time must not be negative: " + giveUpAfter);
        }
        if (maxAttempts < 0 || maxPerWindow < 0 || criticalExtra < 0) {
            throw new IllegalArgumentException("attempt and rate limits must not be negative");
        }
        if (maxPerWindow > 0 && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("rate-limit window must be positive: " + window);
        }
    }

    /** No rate limit; backoff 1 s doubling to 5 min; give up after 1 h; 100 queued. */
    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(100, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), 0,
                0, Duration.ofMinutes(10), 0);
    }

    /** For SMS: as {@link #defaults()} with at most 5 messages per 10 minutes (+2 critical). */
    public static DeliveryPolicy sms() {
        return defaults().withRateLimit(5, Duration.ofMinutes(10), 2);
    }

    /** For email: as {@link #defaults()} with at most 20 messages per 10 minutes. */
    public static DeliveryPolicy email() {
        return defaults().withRateLimit(20, Duration.ofMinutes(10), 0);
    }

    public DeliveryPolicy withQueueCapacity(int capacity) {
        return new DeliveryPolicy(capacity, initialBackoff, maxBackoff, giveUpAfter, maxAttempts, maxPerWindow,
                window, criticalExtra);
    }

    public DeliveryPolicy withBackoff(Duration initial, Duration max) {
        return new DeliveryPolicy(queueCapacity, initial, max, giveUpAfter, maxAttempts, maxPerWindow, window,
                criticalExtra);
    }

    public DeliveryPolicy withGiveUp(Duration after, int attempts) {
        return new DeliveryPolicy(queueCapacity, initialBackoff, maxBackoff, after, attempts, maxPerWindow, window,
                criticalExtra);
    }

    public DeliveryPolicy withRateLimit(int perWindow, Duration length, int extraForCritical) {
        return new DeliveryPolicy(queueCapacity, initialBackoff, maxBackoff, giveUpAfter, maxAttempts, perWindow,
                length, extraForCritical);
    }

    /** True if the channel has a rate limit. */
    public boolean rateLimited() {
        return maxPerWindow > 0;
    }

    /**
     * The retry schedule: {@code initialBackoff} doubling to {@code maxBackoff}, given up after
     * {@code maxAttempts} attempts or {@code giveUpAfter}. A give-up time of zero leaves no time
     * for a second attempt: the schedule then stops after the first.
     */
    public Backoff retrySchedule() {
        Backoff b = Backoff.exponential(initialBackoff, 2.0, maxBackoff);
        return giveUpAfter.isZero() ? b.giveUpAfter(1, Backoff.NO_TIME_LIMIT) : b.giveUpAfter(maxAttempts, giveUpAfter);
    }

    /** The wait after the {@code failedAttempts}-th failed attempt: initial × 2^(n-1), at most max. */
    public Duration backoff(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("backoff is for failed attempts 1, 2, ...: " + failedAttempts);
        }
        return retrySchedule().delay(failedAttempts);
    }

    /**
     * True if the alert should be given up after {@code attempts} failed attempts, when the next
     * one would start {@code nextAttemptAfterFirst} after the first.
     */
    public boolean exhausted(int attempts, Duration nextAttemptAfterFirst) {
        return retrySchedule().exhausted(attempts, nextAttemptAfterFirst);
    }
}
