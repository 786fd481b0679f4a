package io.heartline.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time for tests and simulations: a deterministic ScheduledExecutorService on a
 * {@link ManualClock}: tasks run on the test's
 * thread, in due order, only inside {@link #advance}; {@code execute}/{@code submit} are due at
 * once. A task may itself advance the clock (an agent that "takes" time). Several schedulers
 * may share one clock; one that is never advanced is a pool whose threads are all stuck.
 */
public final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Task<?>> all = new ArrayList<>();
    private long sequence;
    private boolean shutdown;

    public VirtualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** A scheduler on a clock of its own, starting at zero. */
    public VirtualScheduler() {
        this(new ManualClock());
    }

    public ManualClock clock() {
        return clock;
    }

    /** Virtual time on the clock (since zero for a scheduler with a clock of its own). */
    public Duration now() {
        return Duration.ofNanos(clock.monotonicNanos());
    }

    /** Delays (from now) of the pending tasks, in due order. */
    public List<Duration> pendingDelays() {
        List<Duration> out = new ArrayList<>();
        queue.stream().filter(t -> !t.cancelled).sorted()
                .forEach(t -> out.add(Duration.ofNanos(t.due - clock.monotonicNanos())));
        return out;
    }

    /**
     * Runs every task due within {@code d} from now, each at its own time, then sets the clock to
     * now + d. Time a task spends (by advancing the clock) counts: what falls due meanwhile runs too.
     */
    public void advance(Duration d) {
        long target = clock.monotonicNanos() + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= Math.max(target, clock.monotonicNanos())) {
            Task<?> t = queue.poll();
            if (t.due > clock.monotonicNanos()) {
                clock.advance(Duration.ofNanos(t.due - clock.monotonicNanos()));
            }
            t.run();
        }
        if (clock.monotonicNanos() < target) {
            clock.advance(Duration.ofNanos(target - clock.monotonicNanos()));
        }
    }

    /** Runs what is due now (tasks submitted for immediate execution, and what they submit). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks neither run nor cancelled. */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    /** Every task ever given, in order (to look at cancellations). */
    public List<ScheduledFuture<?>> tasks() {
        return new ArrayList<>(all);
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
            throw new RejectedExecutionException("shut down");
        }
        Task<V> t = new Task<>(callable, clock.monotonicNanos() + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(t);
        all.add(t);
        return t;
    }

    @Override
    public java.util.concurrent.Future<?> submit(Runnable task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> java.util.concurrent.Future<T> submit(Callable<T> task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
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
        private boolean interruptRequested;
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
            if (cancelled || done) {
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
            return unit.convert(due - clock.monotonicNanos(), TimeUnit.NANOSECONDS);
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
            interruptRequested = mayInterruptIfRunning;
            queue.remove(this);
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
        public V get() throws ExecutionException {
            if (!done) {
                throw new IllegalStateException("not run yet: advance the virtual time");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }

        @Override
        public String toString() {
            return "Task[due=" + due + " cancelled=" + cancelled + " interrupt=" + interruptRequested + "]";
        }
    }
}
