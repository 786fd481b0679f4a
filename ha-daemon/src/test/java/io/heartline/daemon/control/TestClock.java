package io.heartline.daemon.control;

import io.heartline.core.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Virtual time that another thread (the selector) may read while the test moves it. */
final class TestClock implements Clock {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long monotonicNanos() {
        return nanos.get();
    }

    @Override
    public Instant wallTime() {
        return Instant.parse("2026-11-21T22:00:00Z").plusNanos(nanos.get());
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
