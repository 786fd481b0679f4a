package io.heartline.daemon.loop;

import io.heartline.core.Clock;
import io.heartline.membership.Action;
import io.heartline.membership.ClusterState;
import io.heartline.membership.Decider;
import io.heartline.membership.Event;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the cluster state. Everything else posts to it: events (stamped with
 * the loop's clock when handled, so a queue that backed up during a stall is seen as late, not as
 * old), and queries that read the state. Each event goes through the {@link Decider}; the actions
 * it returns are handed to the action runner in order.
 */
public final class EventLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    private Decider decider;
    private final java.util.List<Watch> watches = new java.util.ArrayList<>();
    private final Clock clock;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private Consumer<List<Action>> actions = a -> { };
    private volatile ClusterState state;
    private volatile boolean running = true;

    public EventLoop(Decider decider, ClusterState initial, Clock clock) {
        this.decider = decider;
        this.state = initial;
        this.clock = clock;
        this.thread = new Thread(this, "heartline-loop");
    }

    public void onActions(Consumer<List<Action>> runner) {
        this.actions = runner;
    }

    public void start() {
        thread.start();
    }

    /** The latest state, for readers on other threads (beacon sender, status). Never modified. */
    public ClusterState state() {
        return state;
    }

    /** Posts an event; {@code at} is filled in with the loop's clock when it is handled. */
    public void post(LongFunction<Event> event) {
        queue.add(() -> handle(event.apply(clock.monotonicNanos())));
    }

    /** Runs {@code f} on the loop thread with the current state. */
    public <T> CompletableFuture<T> query(Function<ClusterState, T> f) {
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(() -> {
            try {
                result.complete(f.apply(state));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs a task on the loop thread (action follow-ups that must not race with events). */
    void execute(Runnable task) {
        queue.add(task);
    }

    boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Completes when the state, after some later event, satisfies {@code condition} (checked at once
     * too). For commands answered when something is done, such as {@code hactl standby}.
     */
    public CompletableFuture<ClusterState> awaitState(java.util.function.Predicate<ClusterState> condition) {
        CompletableFuture<ClusterState> f = new CompletableFuture<>();
        queue.add(() -> {
            if (condition.test(state)) {
                f.complete(state);
            } else {
                watches.add(new Watch(condition, f));
            }
        });
        return f;
    }

    /** The decider with new settings (a reload that changed timings), from the next event on. */
    public void replaceDecider(Decider next) {
        queue.add(() -> decider = next);
    }

    Decider decider() {
        return decider;
    }

    private record Watch(java.util.function.Predicate<ClusterState> condition, CompletableFuture<ClusterState> done) {
    }

    private void handle(Event e) {
        Decider.Result r = decider.apply(state, e);
        state = r.state();
        if (!r.actions().isEmpty()) {
            actions.accept(r.actions());
        }
        if (!watches.isEmpty()) {
            watches.removeIf(w -> w.done().isDone() || (w.condition().test(state) && w.done().complete(state)));
        }
    }

    /**
     * Runs posted tasks; between them it sleeps until the decider's next tick is due and then ticks
     * itself (at the exact liveness deadline, not on a fixed short period: an idle fast-profile
     * daemon wakes for beacons and a coarse tick, not hundreds of times a second).
     */
    @Override
    public void run() {
        io.heartline.core.HeartbeatThreads.started("event loop");
        while (running) {
            try {
                long due = decider.nextTick(state);
                long wait = due - clock.monotonicNanos();
                Runnable task = wait > 0 ? queue.poll(wait, java.util.concurrent.TimeUnit.NANOSECONDS) : null;
                if (task != null) {
                    task.run();
                } else {
                    handle(new Event.Tick(clock.monotonicNanos(), due));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug in a rule must not kill the only thread that owns the state: log it loudly and go on.
                log.error("event loop task failed (state kept as it was before the task)", e);
            }
        }
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
