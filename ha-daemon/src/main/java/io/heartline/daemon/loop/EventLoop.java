package io.heartline.daemon.loop;

import io.heartline.core.Clock;
import io.heartline.core.HeartbeatThreads;
import io.heartline.membership.Action;
import io.heartline.membership.ClusterState;
import io.heartline.membership.Decider;
import io.heartline.membership.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The one thread that owns the cluster state.
 * <pre>
 *   media, workers, control ──▶ Inbox (bounded lanes) ──▶ EventLoop ──▶ Decider.apply ──▶ actions
 *                                                          ▲    │
 *                                   Tick at nextTick(state) ┘    └──▶ state (volatile, for readers)
 * </pre>
 * Events are stamped with the loop's clock when handled, so a backlog after a stall is seen as
 * late, not as old. Between turns the thread parks until the decider's next deadline or until
 * something is posted; a tick is handled on every turn that is due, so no flood can starve it.
 * Anything a decider rule or an action throws ends the process through the {@link FatalHandler}:
 * a state change and its actions are one unit, and a loop that lost one must not look alive.
 */
public final class EventLoop implements Runnable {
    /** Commands handled per turn at most, so that queries cannot starve beacons and ticks. */
    static final int COMMANDS_PER_TURN = 64;
    /** Commands waiting for a state (hactl standby) at most. */
    static final int MAX_WATCHES = 256;

    private final Inbox inbox;
    private final Clock clock;
    private final Consumer<List<Action>> actions;
    private final FatalHandler fatal;
    private final Thread thread;
    private final List<Watch> watches = new ArrayList<>();
    private final ArrayDeque<Object> turn = new ArrayDeque<>();
    private Decider decider;
    private volatile Decider nextDecider;
    private final StateView view;
    private ClusterState state;
    private volatile boolean running = true;

    public EventLoop(Decider decider, StateView view, Clock clock, Inbox inbox, Consumer<List<Action>> actions,
                     FatalHandler fatal) {
        this.decider = decider;
        this.view = view;
        this.state = view.get();
        this.clock = clock;
        this.inbox = inbox;
        this.actions = actions;
        this.fatal = fatal;
        this.thread = new Thread(this, "heartline-loop");
        inbox.consumer(thread);
    }

    public void start() {
        thread.start();
    }

    /** The latest state, for readers on other threads (beacon sender, status). Never modified. */
    public ClusterState state() {
        return view.get();
    }

    public Inbox inbox() {
        return inbox;
    }

    /** Posts an event from one of our own workers (see {@link Inbox#post}). */
    public void post(LongFunction<Event> event) {
        inbox.post(event);
    }

    /** Runs {@code f} on the loop thread with the current state; fails at once with "busy" when the command lane is full. */
    public <T> CompletableFuture<T> query(Function<ClusterState, T> f) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(f.apply(state));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (!inbox.offer(task)) {
            result.completeExceptionally(busy());
        }
        return result;
    }

    /**
     * Completes when the state, after some later event, satisfies {@code condition} (checked at once
     * too). For commands answered when something is done, such as {@code hactl standby}.
     */
    public CompletableFuture<ClusterState> awaitState(Predicate<ClusterState> condition) {
        CompletableFuture<ClusterState> f = new CompletableFuture<>();
        Runnable task = () -> {
            if (condition.test(state)) {
                f.complete(state);
            } else if (watches.size() >= MAX_WATCHES) {
                f.completeExceptionally(busy());
            } else {
                watches.add(new Watch(condition, f));
            }
        };
        if (!inbox.offer(task)) {
            f.completeExceptionally(busy());
        }
        return f;
    }

    /** The decider with new settings (a reload that changed timings), from the next turn on. */
    public void replaceDecider(Decider next) {
        nextDecider = next;
        LockSupport.unpark(thread);
    }

    /**
     * Test-only fault hook: makes the loop thread throw {@code error} as if a rule had, to prove
     * that the process ends at once (lifecycle enables it only with {@code -Dheartline.fault-hook=true}).
     */
    public void injectFault(Error error) {
        inbox.offer(() -> {
            throw error;
        });
    }

    private static IllegalStateException busy() {
        return new IllegalStateException("busy: the event loop has " + Inbox.COMMAND_CAPACITY
                + " commands waiting; try again");
    }

    private record Watch(Predicate<ClusterState> condition, CompletableFuture<ClusterState> done) {
    }

    private void handle(Event e) {
        Decider.Result r = decider.apply(state, e);
        state = r.state();
        view.set(state);
        if (!r.actions().isEmpty()) {
            actions.accept(r.actions());
        }
        if (!watches.isEmpty()) {
            watches.removeIf(w -> w.done().isDone() || (w.condition().test(state) && w.done().complete(state)));
        }
    }

    @Override
    public void run() {
        HeartbeatThreads.started("event loop");
        try {
            while (running) {
                turn();
            }
        } catch (Throwable t) {
            if (running) {
                fatal.die("event loop (" + thread.getName() + ")", t);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void turn() {
        Decider next = nextDecider;
        if (next != null) {
            decider = next;
            nextDecider = null;
        }
        inbox.drainTo(turn, COMMANDS_PER_TURN);
        for (Object o; (o = turn.poll()) != null; ) {
            if (o instanceof Runnable command) {
                command.run();
            } else {
                handle(((LongFunction<Event>) o).apply(clock.monotonicNanos()));
            }
        }
        long due = decider.nextTick(state);
        long now = clock.monotonicNanos();
        if (due <= now) {
            handle(new Event.Tick(now, due));
        } else if (inbox.isEmpty() && nextDecider == null) {
            LockSupport.parkNanos(this, due - now);
        }
    }

    /** Ends the thread after the current turn (shutdown; not a failure). */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
    }
}
