package io.heartline.heartbeat;

import java.time.Duration;

/**
 * Delays between attempts to reopen a link: {@code first}, then doubling up to {@code max}, where
 * it stays until {@link #reset()}. Not thread-safe: one reader thread.
 */
final class Backoff {
    private final Duration first;
    private final Duration max;
    private Duration next;
    private int attempts;

    Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff from " + first + " to " + max);
        }
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The delay before the next attempt; each call counts one attempt. */
    Duration next() {
        Duration d = next;
        next = d.multipliedBy(2).compareTo(max) < 0 ? d.multipliedBy(2) : max;
        attempts++;
        return d;
    }

    /** Attempts since the last {@link #reset()}. */
    int attempts() {
        return attempts;
    }

    /** Starts again from {@code first} (the link works again). */
    void reset() {
        next = first;
        attempts = 0;
    }
}
