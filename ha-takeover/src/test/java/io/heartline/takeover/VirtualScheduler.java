package io.heartline.takeover;

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
 * A deterministic ScheduledExecutorService for tests: tasks run on the test's thread, in time
 * order, only when the test calls {@link #advance}. Only one-shot {@code schedule} and
 * {@code execute} are supported.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private boolean shutdown;

    /** Virtual time since creation. */
    Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** Runs every task due within {@code d}, each at its own virtual time, then moves time to the end. */
    void advance(Duration d) {
        long target = nowNanos + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task<?> t = queue.poll();
            nowNanos = t.due;
            t.run();
        }
        nowNanos = target;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    /** Delays (from now) of the pending tasks, in order. */
    List<Duration> pendingDelays() {
        List<Duration> out = new ArrayList<>();
        queue.stream().filter(t -> !t.isCancelled()).sorted()
                .forEach(t -> out.add(Duration.ofNanos(t.due - nowNanos)));
        return out;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task<V> t = new Task<>(callable, nowNanos + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(t);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> callable;
        private final long due;
        private final long seq;
        private boolean cancelled;
        private boolean done;
        private V result;
        private Exception failure;

        Task(Callable<V> callable, long due, long seq) {
            this.callable = callable;
            this.due = due;
            this.seq = seq;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            try {
                result = callable.call();
            } catch (Exception e) {
                failure = e;
            }
            done = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nowNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            return due != other.due ? Long.compare(due, other.due) : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws java.util.concurrent.ExecutionException {
            if (!done) {
                throw new IllegalStateException("not run yet: advance the virtual time");
            }
            if (failure != null) {
                throw new java.util.concurrent.ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws java.util.concurrent.ExecutionException {
            return get();
        }
    }
}
