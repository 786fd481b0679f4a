package io.heartline.core;

import java.time.Instant;

/**
 * The real clock: {@link System#nanoTime()} (monotonic) and {@link Instant#now()}, and the one
 * real sleep in main code ({@link #pause}), for the command-line tool's polling loops. Everything
 * else takes time from an injected {@link Clock} (ArchitectureTest holds every other class to it).
 */
public final class SystemClock implements Clock {
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

    /** Sleeps {@code interval}; false (with the interrupt flag restored) when interrupted. */
    public static boolean pause(java.time.Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
