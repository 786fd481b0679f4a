package io.heartline.notify;

import io.heartline.core.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one channel's alerts in order, off the caller's thread.
 *
 * <p>{@link #offer} only touches a bounded queue under a short lock and never waits. All
 * delivery runs as tasks on the channel's serial {@code worker} executor: one drain task at a
 * time ({@code draining}), which takes alerts through the {@link RateWindow}, calls the channel
 * outside the lock, and on a temporary failure leaves the alert as {@code current} and asks the
 * timer for a retry after the policy's backoff. The lock is never held while calling the channel
 * or the listener.
 *
 * <pre>
 *  IDLE ──offer──▶ DRAINING ──deliver ok / rejected / gave up──▶ DRAINING (next) ──empty──▶ IDLE
 *                      │ temporary failure                ▲
 *                      ▼                                  │ backoff timer
 *                 RETRY_WAIT ─────────────────────────────┘
 * </pre>
 */
final class ChannelWorker {
    private static final Logger log = LoggerFactory.getLogger(ChannelWorker.class);

    /** An alert in the queue; {@code result} is completed when it reaches a terminal outcome. */
    private record Queued(Alert alert, boolean bypassLimits, CompletableFuture<DeliveryOutcome> result) {
    }

    /** The alert being delivered or waiting for its retry. */
    private static final class InFlight {
        final Queued q;
        final long firstAttemptNanos;
        int attempts;

        InFlight(Queued q, long firstAttemptNanos) {
            this.q = q;
            this.firstAttemptNanos = firstAttemptNanos;
        }
    }

    private final AlertChannel channel;
    private final ChannelFilter filter;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Executor worker;
    private final DeliveryListener listener;

    private final Object lock = new Object();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final ArrayDeque<Alert> unreportedDrops = new ArrayDeque<>();
    private final RateWindow window;
    private Queued summary;
    private InFlight current;
    private boolean retryWaiting;
    private boolean draining;
    private boolean dropReportScheduled;
    private boolean closed;

    private final ChannelStats stats = new ChannelStats();

    ChannelWorker(AlertChannel channel, ChannelFilter filter, DeliveryPolicy policy, Clock clock,
                  ScheduledExecutorService timers, Executor worker, DeliveryListener listener) {
        this.channel = channel;
        this.filter = filter;
        this.policy = policy;
        this.clock = clock;
        this.timers = timers;
        this.worker = worker;
        this.listener = listener;
        this.window = new RateWindow(policy);
    }

    String name() {
        return channel.name();
    }

    /** Queues the alert if the filter accepts it. Never blocks. */
    void submit(Alert alert) {
        if (filter.accepts(alert)) {
            offer(new Queued(alert, false, null));
        }
    }

    /** Queues the alert whatever the filter and the rate limit say; completes when it is done. */
    CompletableFuture<DeliveryOutcome> submitBypassing(Alert alert) {
        CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
        offer(new Queued(alert, true, result));
        return result;
    }

    private void offer(Queued q) {
        Queued evicted = null;
        boolean kick;
        boolean reportDrop = false;
        synchronized (lock) {
            if (closed) {
                complete(q, DeliveryOutcome.DROPPED);
                return;
            }
            if (queue.size() >= policy.queueCapacity()) {
                evicted = queue.pollFirst();
                stats.dropped();
                if (unreportedDrops.size() < policy.queueCapacity()) {
                    unreportedDrops.addLast(evicted.alert());
                }
                reportDrop = !dropReportScheduled;
                dropReportScheduled = true;
            }
            queue.addLast(q);
            kick = claimDrainLocked();
        }
        if (evicted != null) {
            complete(evicted, DeliveryOutcome.DROPPED);
        }
        if (kick) {
            run(this::drain);
        } else if (reportDrop) {
            run(this::reportDrops);
        }
    }

    /** True if the caller must start a drain task: none runs and no retry is pending. */
    private boolean claimDrainLocked() {
        if (closed || draining || retryWaiting) {
            return false;
        }
        draining = true;
        return true;
    }

    /** The drain task: delivers queued alerts one after the other until empty or a retry waits. */
    private void drain() {
        while (true) {
            reportDrops();
            List<Alert> heldNow = new ArrayList<>();
            InFlight f;
            synchronized (lock) {
                if (closed || retryWaiting) {
                    draining = false;
                    return;
                }
                if (current == null) {
                    Queued next = nextAdmittedLocked(heldNow);
                    if (next != null) {
                        current = new InFlight(next, clock.monotonicNanos());
                    }
                }
                f = current;
                if (f == null) {
                    draining = false;
                    lock.notifyAll();
                }
            }
            for (Alert h : heldNow) {
                report(h, 0, DeliveryOutcome.HELD, "over the rate limit: counted into the summary at the end of the window");
            }
            if (f == null) {
                return;
            }
            attempt(f);
        }
    }

    /** The next alert to send: a pending summary first, then the queue through the rate window. */
    private Queued nextAdmittedLocked(List<Alert> heldOut) {
        if (summary != null) {
            Queued s = summary;
            summary = null;
            return s;
        }
        Queued q;
        while ((q = queue.pollFirst()) != null) {
            switch (window.admit(q.alert(), q.bypassLimits())) {
                case SEND_NEW_WINDOW:
                    scheduleWindowEnd();
                    return q;
                case SEND:
                    return q;
                default:
                    stats.held();
                    heldOut.add(q.alert());
            }
        }
        return null;
    }

    private void attempt(InFlight f) {
        synchronized (lock) {
            f.attempts++;
            stats.attempted();
        }
        DeliveryException failure = null;
        try {
            channel.deliver(f.q.alert());
        } catch (DeliveryException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = DeliveryException.temporary("channel error: " + e, e);
        }
        DeliveryOutcome outcome;
        String detail;
        Duration retryIn = null;
        synchronized (lock) {
            if (failure == null) {
                outcome = DeliveryOutcome.DELIVERED;
                detail = "delivered";
            } else if (!failure.retryable()) {
                outcome = DeliveryOutcome.REJECTED;
                detail = String.valueOf(failure.getMessage());
            } else {
                Duration backoff = policy.backoff(f.attempts);
                Duration sinceFirst = Duration.ofNanos(clock.monotonicNanos() - f.firstAttemptNanos);
                if (closed || policy.exhausted(f.attempts, sinceFirst.plus(backoff))) {
                    outcome = DeliveryOutcome.GAVE_UP;
                    detail = "gave up after " + f.attempts + " attempts over " + RateWindow.human(sinceFirst)
                            + ": " + failure.getMessage();
                } else {
                    outcome = DeliveryOutcome.RETRY;
                    detail = failure.getMessage() + "; next attempt in " + RateWindow.human(backoff);
                    retryIn = backoff;
                    retryWaiting = true;
                }
            }
            stats.result(outcome, detail, clock.wallTime());
            if (outcome.terminal()) {
                current = null;
            }
            lock.notifyAll();
        }
        logOutcome(f, outcome, detail);
        report(f.q.alert(), f.attempts, outcome, detail);
        if (outcome.terminal()) {
            complete(f.q, outcome);
        } else {
            schedule(this::retryDue, retryIn);
        }
    }

    /** The backoff timer fired: attempt the current alert again, then go on draining. */
    private void retryDue() {
        synchronized (lock) {
            retryWaiting = false;
            if (closed || draining) {
                return;
            }
            draining = true;
        }
        drain();
    }

    private void scheduleWindowEnd() {
        schedule(this::windowEnd, policy.window());
    }

    /** The rate window ended: queue the summary of what it held, if anything. */
    private void windowEnd() {
        boolean kick;
        synchronized (lock) {
            if (closed) {
                return;
            }
            Alert s = window.end(clock.wallTime());
            if (s == null) {
                return;
            }
            summary = new Queued(s, false, null);
            scheduleWindowEnd();
            kick = claimDrainLocked();
        }
        if (kick) {
            drain();
        }
    }

    private void reportDrops() {
        List<Alert> drops;
        synchronized (lock) {
            dropReportScheduled = false;
            if (unreportedDrops.isEmpty()) {
                return;
            }
            drops = new ArrayList<>(unreportedDrops);
            unreportedDrops.clear();
        }
        log.warn("alert channel {}: queue full ({}), dropped the {} oldest alert(s), first a {} alert of {}", name(),
                policy.queueCapacity(), drops.size(), drops.get(0).kind(), drops.get(0).time());
        for (Alert a : drops) {
            report(a, 0, DeliveryOutcome.DROPPED, "queue full (" + policy.queueCapacity() + "): oldest alert dropped");
        }
    }

    private void report(Alert a, int attempt, DeliveryOutcome outcome, String detail) {
        try {
            listener.onAttempt(name(), a, attempt, outcome, detail);
        } catch (RuntimeException e) {
            log.warn("alert channel {}: delivery listener failed", name(), e);
        }
    }

    private void logOutcome(InFlight f, DeliveryOutcome outcome, String detail) {
        Alert a = f.q.alert();
        switch (outcome) {
            case DELIVERED -> log.info("alert channel {}: {} alert delivered (attempt {})", name(), a.kind(), f.attempts);
            case RETRY -> log.info("alert channel {}: {} alert attempt {} failed: {}", name(), a.kind(), f.attempts, detail);
            case REJECTED -> log.warn("alert channel {}: {} alert rejected: {}", name(), a.kind(), detail);
            default -> log.error("alert channel {}: {} alert {}", name(), a.kind(), detail);
        }
    }

    private static void complete(Queued q, DeliveryOutcome outcome) {
        if (q.result() != null) {
            q.result().complete(outcome);
        }
    }

    private void run(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            stopAfterRejection(e);
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            timers.schedule(() -> run(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopAfterRejection(e);
        }
    }

    private void stopAfterRejection(RejectedExecutionException e) {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        log.error("alert channel {}: executor refused work, channel stops", name(), e);
        close();
    }

    /** Stops: nothing more is attempted; queued alerts are dropped (futures complete DROPPED). */
    void close() {
        List<Queued> left;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(queue);
            queue.clear();
            if (current != null && retryWaiting) {
                left.add(current.q);
                current = null;
            }
            lock.notifyAll();
        }
        left.forEach(q -> complete(q, DeliveryOutcome.DROPPED));
    }

    /** True when nothing is queued, in flight or waiting for a retry (held alerts aside). */
    boolean idle() {
        synchronized (lock) {
            return queue.isEmpty() && summary == null && current == null;
        }
    }

    /** Waits until {@link #idle()} or the deadline (monotonic nanos of the clock). */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        synchronized (lock) {
            while (!(queue.isEmpty() && summary == null && current == null) && !closed) {
                long left = deadlineNanos - clock.monotonicNanos();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return queue.isEmpty() && summary == null && current == null;
        }
    }

    ChannelStatus status() {
        synchronized (lock) {
            return stats.snapshot(name(), queue.size() + (summary == null ? 0 : 1), current == null ? 0 : 1,
                    retryWaiting ? 1 : 0, window.heldNow());
        }
    }
}
