package io.heartline.hactl;

import io.heartline.core.config.NetInterfaces;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What hactl takes from the world besides the daemon: the wall clock (for {@code events --since 10m}),
 * the wait between polls of {@code status --watch} and {@code events --follow}, and which network
 * interfaces the machine has ({@code config check} warns about the others). Tests pass a fixed clock,
 * a pacer that counts instead of sleeping and a fixed set of interfaces.
 */
record Env(Clock clock, Pacer pacer, Predicate<String> interfaces) {
    /** Waits between two polls. */
    interface Pacer {
        /** Waits {@code interval}; false when the loop should stop (interrupted, or a test has seen enough). */
        boolean pause(Duration interval);
    }

    /** The system clock and a real sleep. */
    static Env system() {
        return new Env(Clock.systemUTC(), io.heartline.core.SystemClock::pause, NetInterfaces.system());
    }
}
