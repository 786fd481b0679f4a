package io.heartline.resources;

import java.time.Duration;
import java.util.ArrayDeque;

/** The monotonic times of a resource's recent failures, for "N restarts within a window". */
final class RestartHistory {
    private final ArrayDeque<Long> failures = new ArrayDeque<>();

    /** Records a failure at {@code nowNanos}; returns how many fell within {@code window}, this one included. */
    int record(long nowNanos, Duration window) {
        failures.addLast(nowNanos);
        long oldest = nowNanos - window.toNanos();
        while (!failures.isEmpty() && failures.peekFirst() < oldest) {
            failures.removeFirst();
        }
        return failures.size();
    }

    void clear() {
        failures.clear();
    }
}
