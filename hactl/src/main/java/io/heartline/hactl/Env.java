package io.heartline.hactl;

import java.time.Clock;
import java.time.Duration;

/**
 * What hactl takes from the world besides the daemon: the wall clock (for {@code events --since 10m})
 * and the wait between polls of {@code status --watch} and {@code events --follow}. Tests pass a fixed
 * clock and a pacer that counts instead of sleeping.
 */
record Env(Clock clock, Pacer pacer) {
    /** Waits between two polls. */
    interface Pacer {
        /** Waits {@code interval}; false when the loop should stop (interrupted, or a test has seen enough). */
        boolean pause(Duration interval);
    }

    /** The system clock and a real sleep. */
    static Env system() {
        return new Env(Clock.systemUTC(), io.heartline.core.SystemClock::pause);
    }
}
