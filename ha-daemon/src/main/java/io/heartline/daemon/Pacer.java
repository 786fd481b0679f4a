package io.heartline.daemon;

import io.heartline.core.config.TimingConfig;
import io.heartline.membership.Event;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's two clocks: the decider's tick (a tenth of the interval, 5 to 50 ms) and the
 * beacon every interval. A reload with new timings re-paces both without a gap in beacons.
 */
final class Pacer {
    private final ScheduledExecutorService timers;
    private final EventLoop loop;
    private final Runnable beacon;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> send;

    Pacer(ScheduledExecutorService timers, EventLoop loop, Runnable beacon) {
        this.timers = timers;
        this.loop = loop;
        this.beacon = beacon;
    }

    static long tickNanos(TimingConfig t) {
        return Math.max(5_000_000L, Math.min(50_000_000L, t.interval().toNanos() / 10));
    }

    /** Starts (or restarts, with new timings) both clocks; the first beacon goes at once. */
    synchronized void pace(TimingConfig t) {
        if (tick != null) {
            tick.cancel(false);
            send.cancel(false);
        }
        tick = timers.scheduleAtFixedRate(() -> loop.post(Event.Tick::new), 0, tickNanos(t), TimeUnit.NANOSECONDS);
        send = timers.scheduleAtFixedRate(beacon, 0, t.interval().toNanos(), TimeUnit.NANOSECONDS);
    }
}
