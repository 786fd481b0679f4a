package io.heartline.core;

import java.time.Instant;

/**
 * The only source of time in Heartline's logic. {@link #monotonicNanos()} is for measuring
 * intervals (deadtime, timeouts); {@link #wallTime()} only for what people read (journal, alerts).
 * Tests inject the test kit's {@code ManualClock} and advance it; nothing in logic reads the system clock.
 */
public interface Clock {
    long monotonicNanos();

    Instant wallTime();

    default long monotonicMillis() {
        return monotonicNanos() / 1_000_000L;
    }

    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
