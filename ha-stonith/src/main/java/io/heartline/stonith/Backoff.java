package io.heartline.stonith;

import java.time.Duration;
import java.util.Objects;

/**
 * The wait before retrying a failed fence: {@code initial}, then times {@code factor} each
 * attempt, never more than {@code max}. Pure arithmetic, no clock: the caller (the decider)
 * schedules the retry in its own, possibly virtual, time, and decides when to give up loudly.
 *
 * <pre>
 * Backoff b = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
 * b.delay(1) = 1 s, b.delay(2) = 2 s, b.delay(3) = 4 s, ... b.delay(6) = 30 s (capped)
 * </pre>
 */
public record Backoff(Duration initial, double factor, Duration max) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff initial must be positive: " + initial);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoff factor must be a finite number >= 1: " + factor);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below initial " + initial);
        }
    }

    /** The wait before retry number {@code attempt} (1 = the first retry, which waits {@code initial}). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        double nanos = initial.toNanos() * Math.pow(factor, attempt - 1.0);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** The wait after one of {@code previous}: times {@code factor}, capped at {@code max}. */
    public Duration next(Duration previous) {
        double nanos = previous.toNanos() * factor;
        if (nanos < initial.toNanos()) {
            return initial;
        }
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }
}
