package io.heartline.heartbeat;

import java.time.Duration;

/**
 * How a reader thread waits between attempts to reopen its link. Injected, so that tests run the
 * reopen loop in virtual time; {@link #wakeable()} is the real one.
 */
interface Sleeper {

    /** Waits for {@code d}, or less once {@link #cancel()} was called (then it returns at once). */
    void sleep(Duration d) throws InterruptedException;

    /** Ends the current wait and every later one at once: the link is closing. */
    void cancel();

    static Sleeper wakeable() {
        return new WakeableSleeper();
    }
}
