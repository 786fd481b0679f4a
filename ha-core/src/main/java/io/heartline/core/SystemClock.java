package io.heartline.core;

import java.time.Instant;

/** The real clock: {@link System#nanoTime()} (monotonic) and {@link Instant#now()}. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public Instant wallTime() {
        return Instant.now();
    }
}
