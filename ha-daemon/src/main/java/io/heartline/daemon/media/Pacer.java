package io.heartline.daemon.media;

import io.heartline.core.config.TimingConfig;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The beacon clock: one beacon every interval. A reload with new timings re-paces it. (The
 * decider's ticks come from the event loop itself, at its deadlines.)
 */
public final class Pacer {
    private final ScheduledExecutorService timers;
    private final Runnable beacon;
    private ScheduledFuture<?> send;

    public Pacer(ScheduledExecutorService timers, Runnable beacon) {
        this.timers = timers;
        this.beacon = beacon;
    }

    /** Starts (or restarts, with a new interval) the beacons; the first goes at once. */
    public synchronized void pace(TimingConfig t) {
        if (send != null) {
            send.cancel(false);
        }
        send = timers.scheduleAtFixedRate(beacon, 0, t.interval().toNanos(), TimeUnit.NANOSECONDS);
    }
}
