package io.heartline.daemon.media;

import io.heartline.core.config.TimingConfig;
import io.heartline.daemon.loop.FatalHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beacon clock: one beacon every interval. A reload with new timings re-paces it. (The
 * decider's ticks come from the event loop itself, at its deadlines.) A failed send is logged and
 * the next goes on time; an {@code Error} ends the process, because a scheduled task that throws
 * is never run again and a daemon that stopped beaconing must not look alive.
 */
public final class Pacer {
    private static final Logger log = LoggerFactory.getLogger(Pacer.class);
    private final ScheduledExecutorService timers;
    private final Runnable beacon;
    private final FatalHandler fatal;
    private ScheduledFuture<?> send;

    public Pacer(ScheduledExecutorService timers, Runnable beacon, FatalHandler fatal) {
        this.timers = timers;
        this.beacon = beacon;
        this.fatal = fatal;
    }

    /** Starts (or restarts, with a new interval) the beacons; the first goes at once. */
    public synchronized void pace(TimingConfig t) {
        if (send != null) {
            send.cancel(false);
        }
        send = timers.scheduleAtFixedRate(this::beacon, 0, t.interval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void beacon() {
        try {
            beacon.run();
        } catch (RuntimeException e) {
            log.error("sending beacon failed", e);
        } catch (Throwable t) {
            fatal.die("beacon timer", t);
        }
    }
}
