package io.heartline.daemon.systemd;

import io.heartline.core.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog every half period, but only while the event loop (the one thread that
 * owns the cluster state) still answers: each tick posts a probe to the loop, and a ping goes out
 * only if the loop answered one within the last watchdog period. A wedged loop (deadlock, a stuck
 * action) therefore stops the pings and systemd restarts the daemon, while a live process with a
 * dead loop would otherwise sit on its VIPs and answer nothing. At most one probe is outstanding,
 * so a wedged loop's queue does not fill with probes. Time comes from the injected clock and
 * scheduler, so all of this runs in virtual time in tests.
 *
 * <pre>
 *  tick (every period/2) ──▶ answered within period? ──yes──▶ WATCHDOG=1
 *          │                            └──no──▶ no ping, log once, STATUS=...
 *          └──▶ no probe pending? post probe; its answer records the time
 * </pre>
 */
final class LoopWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopWatchdog.class);

    private final SystemdNotifier notifier;
    private final Supplier<? extends CompletableFuture<?>> probe;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final long periodNanos;
    private volatile long lastAnswer;
    private volatile boolean closed;
    private CompletableFuture<?> pending;   // scheduler thread only
    private boolean withheld;               // scheduler thread only
    private ScheduledFuture<?> next;

    LoopWatchdog(SystemdNotifier notifier, Supplier<? extends CompletableFuture<?>> probe, Duration period, Clock clock,
                 ScheduledExecutorService scheduler) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("watchdog period must be positive, not " + period);
        }
        this.notifier = notifier;
        this.probe = probe;
        this.clock = clock;
        this.scheduler = scheduler;
        this.periodNanos = period.toNanos();
    }

    /** First ping at once: the loop counts as answering since now (it has just started). */
    synchronized void start() {
        lastAnswer = clock.monotonicNanos();
        next = scheduler.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (closed) {
            return;
        }
        long silentNanos = clock.monotonicNanos() - lastAnswer;
        if (silentNanos <= periodNanos) {
            if (withheld) {
                withheld = false;
                log.info("event loop answers again: watchdog pings resume");
            }
            notifier.watchdog();
        } else if (!withheld) {
            withheld = true;
            String why = "event loop has not answered for " + silentNanos / 1_000_000 + " ms (watchdog "
                    + periodNanos / 1_000_000 + " ms)";
            log.error("{}: no more watchdog pings, systemd will restart the daemon", why);
            notifier.status(why);
        }
        sendProbe();
        synchronized (this) {
            if (!closed) {
                next = scheduler.schedule(this::tick, periodNanos / 2, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void sendProbe() {
        if (pending != null && !pending.isDone()) {
            return;
        }
        try {
            pending = probe.get();
            pending.whenComplete((v, e) -> lastAnswer = clock.monotonicNanos());
        } catch (RuntimeException e) {
            log.error("cannot probe the event loop", e);
            pending = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
