package io.heartline.daemon.control;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.Clock;
import io.heartline.core.GroupState;
import io.heartline.core.control.Answers;
import io.heartline.core.control.Request;
import io.heartline.core.control.StatusText;
import io.heartline.daemon.alerts.AlertService;
import io.heartline.daemon.fencing.FenceService;
import io.heartline.daemon.groups.GroupService;
import io.heartline.daemon.loop.ActionRunner;
import io.heartline.daemon.loop.EventLoop;
import io.heartline.daemon.reload.Reloader;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import io.heartline.notify.DeliveryOutcome;
import io.heartline.stonith.FenceResult;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every control command and what carries it out: one handler per {@link Request} type, the one place
 * a command is added. A handler never waits: it returns the answer's future, completed when the loop,
 * a fence device or an alert channel has answered, or with an error when one did not in time. What
 * must block (reading the journal, a reload) runs on a thread of its own.
 */
public final class CommandTable implements AutoCloseable {
    /** How long status and the decider's bookkeeping may take on the loop. */
    static final long QUERY_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(CommandTable.class);

    /** A command's handler. */
    @FunctionalInterface
    interface Handler<R extends Request> {
        CompletableFuture<Map<String, Object>> handle(R request);
    }

    /** The daemon's parts that commands use. */
    public record Parts(EventLoop loop, ActionRunner actions, StatusBuilder status, AlertService alerts,
                        FenceService fencer, GroupService groups, Reloader reloader, EventSource events) {
    }

    private final Map<Class<? extends Request>, Handler<?>> table = new HashMap<>();
    private final Parts d;
    private final Clock clock;
    private final long commandMs;
    private final Instant started;
    private final Timeouts timeouts;
    private final Executor slow;
    private final Runnable stop;
    private final AtomicLong ids = new AtomicLong();

    /**
     * Commands on threads of their own: {@code heartline-control-work} (admission, timeouts) and
     * {@code heartline-control-slow} (journal reads, reloads), stopped by {@link #close()}.
     */
    public static CommandTable create(Parts parts, Clock clock, long commandMs, Instant started) {
        ScheduledThreadPoolExecutor work = new ScheduledThreadPoolExecutor(1, daemonThread("heartline-control-work"));
        work.setRemoveOnCancelPolicy(true);
        ExecutorService slow = Executors.newSingleThreadExecutor(daemonThread("heartline-control-slow"));
        return new CommandTable(parts, clock, commandMs, started, work, slow, () -> {
            work.shutdownNow();
            slow.shutdownNow();
        });
    }

    CommandTable(Parts parts, Clock clock, long commandMs, Instant started, ScheduledExecutorService work,
                 Executor slow, Runnable stop) {
        this.d = parts;
        this.clock = clock;
        this.commandMs = commandMs;
        this.started = started;
        this.timeouts = new Timeouts(work);
        this.slow = slow;
        this.stop = stop;
        on(Request.Status.class, r -> r.text() ? status().thenApply(CommandTable::asText) : status());
        on(Request.Events.class, r -> CompletableFuture.supplyAsync(() -> EventsQuery.answer(d.events(), r), slow));
        on(Request.Version.class, r -> CompletableFuture.completedFuture(version()));
        on(Request.Failover.class, r -> told(ask(id -> at -> new Event.Failover(at, id, r.group(), r.to()), commandMs,
                "failover")));
        on(Request.Standby.class, r -> standby());
        on(Request.Online.class, r -> told(ask(id -> at -> new Event.Standby(at, id, false), commandMs, "online")));
        on(Request.Maintenance.class, r -> told(ask(id -> at -> new Event.Maintenance(at, id, r.on()), commandMs,
                "maintenance")));
        on(Request.Reload.class, r -> CompletableFuture.supplyAsync(this::reload, slow));
        on(Request.Fence.class, this::fence);
        on(Request.FenceAck.class, this::fenceAck);
        on(Request.ResourceCleanup.class, this::resourceCleanup);
        on(Request.NotifyTest.class, this::notifyTest);
        Set<Class<?>> missing = Arrays.stream(Request.class.getPermittedSubclasses()).filter(c -> !table.containsKey(c))
                .collect(Collectors.toSet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("control commands without a handler: " + missing);
        }
    }

    private <R extends Request> void on(Class<R> type, Handler<R> handler) {
        table.put(type, handler);
    }

    /** Where admission runs, and the timeouts' timer. */
    Executor work() {
        return timeouts.timer();
    }

    /** The answer to {@code request}; never throws, and a handler's failure becomes an error answer. */
    CompletableFuture<Map<String, Object>> handle(Request request) {
        @SuppressWarnings("unchecked")
        Handler<Request> h = (Handler<Request>) table.get(request.getClass());
        try {
            return h.handle(request).exceptionally(e -> failed(request, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(request, e));
        }
    }

    private static Map<String, Object> failed(Request request, Throwable e) {
        Throwable cause = Timeouts.unwrap(e);
        if (cause instanceof Timeouts.Unanswered) {
            return Answers.error(cause.getMessage());
        }
        log.error("control request {} failed", request, cause);
        return Answers.error("internal error: " + cause);
    }

    /** Posts the event made for a fresh request id; the decider's reply to it, within {@code ms}. */
    private CompletableFuture<Action.Reply> ask(LongFunction<LongFunction<Event>> event, long ms, String what) {
        long id = ids.incrementAndGet();
        CompletableFuture<Action.Reply> reply = d.actions().expectReply(id);
        d.loop().post(event.apply(id));
        return timeouts.within(reply, ms, what);
    }

    private static CompletableFuture<Map<String, Object>> told(CompletableFuture<Action.Reply> reply) {
        return reply.thenApply(r -> Answers.outcome(r.ok(), r.message()));
    }

    /**
     * The answer {@code hactl status} gets, for readers besides the control socket (the status page):
     * built on the event loop from one state snapshot, an error answer when the loop is busy or does
     * not answer within {@value #QUERY_MS} ms. Returns at once.
     */
    public CompletableFuture<Map<String, Object>> status() {
        return timeouts.within(d.loop().query(s -> d.status().build(s, clock.monotonicNanos(), clock.wallTime().toString())),
                QUERY_MS, "the event loop").thenApply(Answers::result);
    }

    /**
     * The status as {@code hactl status} prints it. Rendered from the answer as a client parses it
     * (through JSON), so that both print the same; on the control thread, never on the loop.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asText(Map<String, Object> answer) {
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            return answer;
        }
        try {
            Map<String, Object> parsed = JSON.std.mapFrom(JSON.std.asString(answer.get("result")));
            return Answers.text(StatusText.render(parsed));
        } catch (IOException | RuntimeException e) {
            return Answers.error("cannot render the status as text: " + e);
        }
    }

    private Map<String, Object> version() {
        Map<String, Object> m = Answers.ok();
        m.put("version", io.heartline.core.Version.current());
        m.put("node", d.reloader().current().self().name());
        m.put("started", started.toString());
        m.put("pid", ProcessHandle.current().pid());
        return m;
    }

    /** Answered once no group is held here any more. */
    private CompletableFuture<Map<String, Object>> standby() {
        return ask(id -> at -> new Event.Standby(at, id, true), commandMs, "standby").thenCompose(r -> {
            if (!r.ok()) {
                return CompletableFuture.completedFuture(Answers.outcome(false, r.message()));
            }
            return timeouts.within(d.loop().awaitState(s -> s.groups().values().stream()
                            .noneMatch(g -> g.state().holds() || g.state() == GroupState.STANDBY)), commandMs,
                    "handing the groups over").thenApply(s -> Answers.outcome(true, r.message()));
        });
    }

    private Map<String, Object> reload() {
        Reloader.Result r = d.reloader().reload();
        Map<String, Object> m = Answers.outcome(r.ok(), r.message());
        m.put("changes", r.changes());
        if (!r.problems().isEmpty()) {
            m.put("problems", r.problems());
        }
        m.put("invalid", r.invalid());
        return m;
    }

    /** {@code hactl fence NODE}: power a node off now with its fence device, and say what happened. */
    private CompletableFuture<Map<String, Object>> fence(Request.Fence req) {
        return timeouts.within(d.fencer().fenceNow(req.node()), commandMs, "fencing " + req.node())
                .thenApply((FenceResult r) -> Answers.outcome(r.isOk(), "fence " + req.node() + ": " + r.outcome() + " ("
                        + r.power() + "): " + r.detail() + " in " + r.took().toMillis() + " ms"));
    }

    /** {@code hactl fence-ack NODE --yes-i-checked NODE}: the operator confirms a manually fenced node is off. */
    private CompletableFuture<Map<String, Object>> fenceAck(Request.FenceAck req) {
        if (!d.fencer().acknowledge(req.node())) {
            return CompletableFuture.completedFuture(Answers.error("nothing waits for a manual fence of " + req.node()));
        }
        return CompletableFuture.completedFuture(Answers.outcome(true, "acknowledged: " + req.node() + " is off"));
    }

    /**
     * {@code hactl resource cleanup GROUP[/RESOURCE]}: clear a resource's failures (probing it, and
     * starting it again if the group runs here), and clear the group's FAULT on this node.
     */
    private CompletableFuture<Map<String, Object>> resourceCleanup(Request.ResourceCleanup req) {
        String group = req.group();
        CompletableFuture<String> cleaned = req.resource() == null ? CompletableFuture.completedFuture("")
                : timeouts.within(d.groups().cleanup(group, req.resource()), commandMs,
                        "cleanup of " + group + "/" + req.resource())
                .thenApply(r -> "resource " + req.resource() + ": " + r.state() + ", fail count " + r.failCount() + "; ");
        return cleaned.thenCompose(text -> ask(id -> at -> new Event.Cleanup(at, id, group), QUERY_MS, "the event loop")
                .thenApply(r -> Answers.outcome(r.ok(), text + r.message())));
    }

    /** {@code hactl notify test [CHANNEL]}: a test alert on one channel or all, answered with each outcome. */
    private CompletableFuture<Map<String, Object>> notifyTest(Request.NotifyTest req) {
        List<String> all = d.alerts().channels();
        if (all.isEmpty()) {
            return CompletableFuture.completedFuture(Answers.error("no alert channels are configured (alerts.channels)"));
        }
        if (req.channel() != null && !all.contains(req.channel())) {
            return CompletableFuture.completedFuture(Answers.error("no alert channel '" + req.channel() + "' (channels: "
                    + String.join(", ", all) + ")"));
        }
        List<String> names = req.channel() == null ? all : List.of(req.channel());
        Map<String, CompletableFuture<String>> each = new LinkedHashMap<>();
        for (String name : names) {
            each.put(name, timeouts.within(d.alerts().test(name), commandMs, "the test alert (still retrying)")
                    .thenApply(DeliveryOutcome::name)
                    .exceptionally(e -> Timeouts.unwrap(e).getMessage()));
        }
        return CompletableFuture.allOf(each.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Object> outcomes = new LinkedHashMap<>();
            each.forEach((name, f) -> outcomes.put(name, f.join()));
            boolean delivered = outcomes.values().stream().allMatch(DeliveryOutcome.DELIVERED.name()::equals);
            Map<String, Object> m = Answers.outcome(delivered, "test alert: " + outcomes);
            m.put("outcomes", outcomes);
            return m;
        });
    }

    @Override
    public void close() {
        stop.run();
    }

    private static java.util.concurrent.ThreadFactory daemonThread(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
