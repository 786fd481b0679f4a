package io.heartline.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when told to: virtual time for tests and simulations. In the test kit
 * (heartline-testkit-clock), never in a production jar; it keeps core's package so tests import it as before.
 */
public final class ManualClock implements Clock {
    private long nanos;
    private final Instant wallAtZero;

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualClock(Instant wallAtZero) {
        this.wallAtZero = wallAtZero;
    }

    @Override
    public long monotonicNanos() {
        return nanos;
    }

    @Override
    public Instant wallTime() {
        return wallAtZero.plusNanos(nanos);
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + d);
        }
        nanos += d.toNanos();
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
