package io.heartline.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The one retry schedule: the wait before attempt {@code n} is {@code initial × factor^(n-1)},
 * never more than {@code max}, optionally shortened by a jitter drawn from an injected random
 * source, and a limit after which the caller gives up (loudly). Pure arithmetic, no clock and no
 * state: the caller counts attempts and schedules the wait in its own, possibly virtual, time.
 *
 * <pre>
 * Backoff b = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30))
 *         .giveUpAfter(10, Duration.ofMinutes(5));
 * b.delay(1) = 1 s, b.delay(2) = 2 s, b.delay(3) = 4 s, ... b.delay(6) = 30 s (capped)
 * b.exhausted(10, anything) = true; b.exhausted(3, 6 min) = true
 * </pre>
 *
 * <p>Jitter {@code j} (0 to 1) takes a random share of up to {@code j} off each wait, so the
 * wait is in {@code [d × (1 - j), d]}: never above {@code max}, so the cap stays a promise.
 *
 * <p>Giving up: {@link #exhausted} says when, and refuses to answer for a schedule that was never
 * given a limit. A schedule without one must be asked for by name, {@link #untilStopped()}, and is
 * only for a loop that something else ends (a heartbeat medium reopening its device until it is
 * closed; the decider retrying a fence, which it journals at every failure, while the group
 * stays down).
 *
 * @param initial     the wait before the first retry (attempt 1)
 * @param factor      growth per attempt, at least 1 (1 is a fixed delay)
 * @param max         the longest wait
 * @param maxAttempts give up after this many attempts; {@link #NO_ATTEMPT_LIMIT} for no count
 * @param giveUpAfter give up when the next attempt would start later than this after the first;
 *                    {@link #NO_TIME_LIMIT} for no bound in time
 * @param endless     true only through {@link #untilStopped()}: no limit, on purpose
 * @param jitter      share of each wait that may be taken off at random, 0 to 1
 * @param random      values in [0, 1) for the jitter; unused when {@code jitter} is 0
 */
public record Backoff(Duration initial, double factor, Duration max, int maxAttempts, Duration giveUpAfter,
                      boolean endless, double jitter, DoubleSupplier random) {
    /** {@link #maxAttempts} for "no limit on the number of attempts". */
    public static final int NO_ATTEMPT_LIMIT = 0;
    /** {@link #giveUpAfter} for "no limit in time". */
    public static final Duration NO_TIME_LIMIT = Duration.ZERO;
    private static final DoubleSupplier NO_RANDOM = () -> 0.0;

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff initial must be positive: " + initial);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoff factor must be a finite number >= 1: " + factor);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below initial " + initial);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("backoff attempt limit must not be negative: " + maxAttempts);
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("backoff give-up time must not be negative: " + giveUpAfter);
        }
        if (endless && (maxAttempts != NO_ATTEMPT_LIMIT || !giveUpAfter.isZero())) {
            throw new IllegalArgumentException("an endless backoff has no give-up limit");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1: " + jitter);
        }
    }

    /**
     * {@code initial × factor^(n-1)} up to {@code max}, no jitter, and no limit yet: follow with
     * {@link #giveUpAfter} or {@link #untilStopped()} before asking {@link #exhausted}.
     */
    public static Backoff exponential(Duration initial, double factor, Duration max) {
        return new Backoff(initial, factor, max, NO_ATTEMPT_LIMIT, NO_TIME_LIMIT, false, 0.0, NO_RANDOM);
    }

    /** Gives up after {@code attempts} attempts or {@code total} after the first, whichever comes first. */
    public Backoff giveUpAfter(int attempts, Duration total) {
        if (attempts == NO_ATTEMPT_LIMIT && total.isZero()) {
            throw new IllegalArgumentException("a give-up limit needs attempts or a time (see untilStopped())");
        }
        return new Backoff(initial, factor, max, attempts, total, false, jitter, random);
    }

    /** Says, by name, that this schedule has no limit: the loop that uses it is ended by something else. */
    public Backoff untilStopped() {
        return new Backoff(initial, factor, max, NO_ATTEMPT_LIMIT, NO_TIME_LIMIT, true, jitter, random);
    }

    /** Takes up to {@code share} of each wait off, drawn from {@code random} (values in [0, 1)). */
    public Backoff withJitter(double share, DoubleSupplier random) {
        return new Backoff(initial, factor, max, maxAttempts, giveUpAfter, endless, share, random);
    }


    /** The wait before attempt {@code attempt} (1 = the first retry, which waits about {@code initial}). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        double nanos = initial.toNanos() * Math.pow(factor, attempt - 1.0);
        long capped = nanos >= max.toNanos() ? max.toNanos() : (long) nanos;
        return Duration.ofNanos(jittered(capped));
    }

    /** {@link #delay} in nanoseconds, for callers that keep time as a {@code long}. */
    public long delayNanos(int attempt) {
        return delay(attempt).toNanos();
    }

    /** The wait after one of {@code previous}: times {@code factor}, at least initial, at most max; no jitter. */
    public Duration next(Duration previous) {
        double nanos = previous.toNanos() * factor;
        if (nanos < initial.toNanos()) {
            return initial;
        }
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /**
     * True if the caller should give up after {@code attempts} failed attempts, when the next
     * one would start {@code nextAttemptAfterFirst} after the first. Always false for an
     * {@link #untilStopped()} schedule.
     *
     * @throws IllegalStateException if the schedule was given neither a limit nor {@link #untilStopped()}
     */
    public boolean exhausted(int attempts, Duration nextAttemptAfterFirst) {
        if (!endless && maxAttempts == NO_ATTEMPT_LIMIT && giveUpAfter.isZero()) {
            throw new IllegalStateException("no give-up limit: use giveUpAfter(...), or untilStopped() on purpose: " + this);
        }
        return (maxAttempts != NO_ATTEMPT_LIMIT && attempts >= maxAttempts)
                || (!giveUpAfter.isZero() && nextAttemptAfterFirst.compareTo(giveUpAfter) > 0);
    }

    private long jittered(long nanos) {
        if (jitter == 0.0) {
            return nanos;
        }
        double u = random.getAsDouble();
        if (!(u >= 0.0 && u < 1.0)) {
            throw new IllegalStateException("jitter random must give values in [0, 1): " + u);
        }
        return nanos - (long) (nanos * jitter * u);
    }

    @Override
    public String toString() {
        return "Backoff[" + initial + " ×" + factor + " up to " + max
                + (maxAttempts != NO_ATTEMPT_LIMIT ? ", " + maxAttempts + " attempts" : "")
                + (!giveUpAfter.isZero() ? ", give up after " + giveUpAfter : "")
                + (endless ? ", until stopped" : "")
                + (jitter > 0 ? ", jitter " + jitter : "") + "]";
    }
}
