package io.heartline.notify;

import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic scheduler in virtual time: nothing runs until the test calls {@link #runDue()}
 * or {@link #advance(Duration)}, which moves the {@link ManualClock} to each task's due time and
 * runs tasks in (time, submission) order on the test's thread. Used as both the notifier's timer
 * and every channel's worker, so a whole delivery history runs in microseconds, the same each time.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long sequence;
    private boolean shutdown;

    VirtualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    ManualClock clock() {
        return clock;
    }

    /** Runs every task due now, including tasks those tasks schedule for now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way. */
    void advance(Duration d) {
        long target = clock.monotonicNanos() + d.toNanos();
        while (!tasks.isEmpty() && tasks.peek().due <= target) {
            Task t = tasks.poll();
            if (t.due > clock.monotonicNanos()) {
                clock.advance(Duration.ofNanos(t.due - clock.monotonicNanos()));
            }
            t.done = true;
            t.command.run();
        }
        if (target > clock.monotonicNanos()) {
            clock.advance(Duration.ofNanos(target - clock.monotonicNanos()));
        }
    }

    /** Tasks waiting, for assertions. */
    int pending() {
        return tasks.size();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("virtual scheduler is shut down");
        }
        Task t = new Task(clock.monotonicNanos() + Math.max(0, unit.toNanos(delay)), sequence++, command);
        tasks.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the notifier");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the notifier");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the notifier");
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        tasks.forEach(t -> left.add(t.command));
        tasks.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task implements ScheduledFuture<Object> {
        final long due;
        final long seq;
        final Runnable command;
        boolean done;
        boolean cancelled;

        Task(long due, long seq, Runnable command) {
            this.due = due;
            this.seq = seq;
            this.command = command;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - clock.monotonicNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task t = (Task) o;
            return due != t.due ? Long.compare(due, t.due) : Long.compare(seq, t.seq);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            if (done) {
                return false;
            }
            cancelled = true;
            done = true;
            return tasks.remove(this);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
