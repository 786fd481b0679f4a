package io.heartline.stonith;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon calls to fence a node. {@link #fence} returns at once; the work runs on the
 * injected workers, timers come from the injected scheduler, and the future completes (on one of
 * those threads) with a {@link FenceResult}, never exceptionally.
 *
 * <ul>
 *   <li><b>Fence delay</b>: a request to fence node N waits {@code delay(N)} before its agent
 *       runs. Put the delay on the node that should survive a fence race (the preferred node):
 *       on a partition it fences its peer at once, while the peer waits and is dead by the time
 *       its own attempt would start.</li>
 *   <li><b>Timeout</b>: one budget per request, given to the agent and enforced here as well
 *       (plus a grace); an OFF includes its verification. The future completes within
 *       {@code delay + timeout + grace}.</li>
 *   <li><b>Verification</b>: an OFF is OK only when STATUS then says off.</li>
 *   <li><b>Never twice at once</b>: a request for a node that already has one of the same action
 *       pending or running gets the same future; one of another action runs after it.</li>
 *   <li><b>History</b>: the last {@link FenceHistory#DEFAULT_CAPACITY} results, and listeners for
 *       the journal.</li>
 * </ul>
 * Retrying is the caller's decision (the decider's {@link io.heartline.core.Backoff}). Cancelling a returned future does not
 * stop a fence in progress. The executor owns no threads; whoever injected the pools shuts them down.
 */
public final class FenceExecutor {
    /** Pacemaker's default fencing timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long past the timeout the caller side waits for an agent before giving up on it. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(FenceExecutor.class);

    private final Map<NodeId, FenceAgent> agents;
    private final FenceAgent defaultAgent;
    private final Map<NodeId, Duration> delays;
    private final Duration timeout;
    private final Duration grace;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final FenceHistory history;
    private final List<FenceListener> listeners;
    private final Map<NodeId, Request> current = new HashMap<>();

    private static final class Request {
        final FenceAction action;
        final Instant requested;
        final CompletableFuture<FenceResult> result = new CompletableFuture<>();

        Request(FenceAction action, Instant requested) {
            this.action = action;
            this.requested = requested;
        }
    }

    private FenceExecutor(Builder b) {
        this.agents = Map.copyOf(b.agents);
        this.defaultAgent = b.defaultAgent;
        this.delays = Map.copyOf(b.delays);
        this.timeout = b.timeout;
        this.grace = b.grace;
        this.workers = b.workers;
        this.timers = b.timers;
        this.clock = b.clock;
        this.history = new FenceHistory(b.historySize);
        this.listeners = List.copyOf(b.listeners);
    }

    /** Starts building an executor running agents on {@code workers} with timers from {@code timers}. */
    public static Builder builder(ExecutorService workers, ScheduledExecutorService timers, Clock clock) {
        return new Builder(workers, timers, clock);
    }

    /** Fences {@code node}: see the class comment. Never blocks, never throws for a device problem. */
    public CompletableFuture<FenceResult> fence(NodeId node, FenceAction action) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(action, "action");
        Request req;
        CompletableFuture<FenceResult> before;
        synchronized (current) {
            Request running = current.get(node);
            if (running != null && running.action == action) {
                log.info("fence {} {}: joining the request already in progress", action.word(), node);
                return running.result;
            }
            req = new Request(action, clock.wallTime());
            current.put(node, req);
            before = running == null ? null : running.result;
        }
        if (before == null) {
            begin(node, req);
        } else {
            log.info("fence {} {}: queued behind the request in progress for that node", action.word(), node);
            before.whenComplete((r, e) -> begin(node, req));
        }
        return req.result;
    }

    /** Shorthand for {@code fence(node, OFF)}: the verified power-off the decider waits for. */
    public CompletableFuture<FenceResult> off(NodeId node) {
        return fence(node, FenceAction.OFF);
    }

    private void begin(NodeId node, Request req) {
        FenceAgent agent = agentFor(node);
        if (agent == null) {
            finish(node, req, "-", Duration.ZERO, FenceResult.failed("no fence agent is configured for node " + node, Duration.ZERO));
            return;
        }
        Duration delay = delayFor(node);
        log.warn("fencing {}: {} with {}{}", node, req.action.word(), agent.name(),
                delay.isZero() ? "" : " after a fence delay of " + delay.toMillis() + " ms");
        listeners.forEach(l -> tell(() -> l.started(node, req.action, agent.name(), delay)));
        Runnable launch = () -> new FenceOperation(agent, node, req.action, timeout, grace, workers, timers, clock)
                .start()
                .whenComplete((r, e) -> finish(node, req, agent.name(), delay,
                        r != null ? r : FenceResult.failed("fence operation failed: " + e, Duration.ZERO)));
        if (delay.isZero()) {
            launch.run();
            return;
        }
        try {
            timers.schedule(launch, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finish(node, req, agent.name(), delay, FenceResult.failed("cannot schedule the fence delay: " + e.getMessage(), Duration.ZERO));
        }
    }

    private void finish(NodeId node, Request req, String agent, Duration delay, FenceResult r) {
        FenceRecord record = FenceRecord.of(req.requested, node, req.action, agent, delay, r);
        history.add(record);
        if (r.isOk()) {
            log.warn("fencing {}: {} OK in {} ms: {}", node, req.action.word(), r.took().toMillis(), r.detail());
        } else {
            log.error("fencing {}: {} {} after {} ms: {}", node, req.action.word(), r.outcome(), r.took().toMillis(), r.detail());
        }
        listeners.forEach(l -> tell(() -> l.finished(record)));
        synchronized (current) {
            current.remove(node, req);
        }
        req.result.complete(r);
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("fence listener failed", e);
        }
    }

    private FenceAgent agentFor(NodeId node) {
        return agents.getOrDefault(node, defaultAgent);
    }

    /** The fence delay before fencing {@code node} (zero unless configured). */
    public Duration delayFor(NodeId node) {
        return delays.getOrDefault(node, Duration.ZERO);
    }

    /** The per-request time budget. */
    public Duration timeout() {
        return timeout;
    }

    /** The finished requests, for {@code hactl status}. */
    public FenceHistory history() {
        return history;
    }

    /** Nodes with a request pending or running, and the newest action asked for each. */
    public Map<NodeId, FenceAction> inProgress() {
        Map<NodeId, FenceAction> out = new TreeMap<>();
        synchronized (current) {
            current.forEach((n, r) -> out.put(n, r.action));
        }
        return out;
    }

    /** Builds a {@link FenceExecutor}; every setting is checked here. */
    public static final class Builder {
        private final ExecutorService workers;
        private final ScheduledExecutorService timers;
        private final Clock clock;
        private final Map<NodeId, FenceAgent> agents = new HashMap<>();
        private final Map<NodeId, Duration> delays = new HashMap<>();
        private final List<FenceListener> listeners = new ArrayList<>();
        private FenceAgent defaultAgent;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration grace = DEFAULT_GRACE;
        private int historySize = FenceHistory.DEFAULT_CAPACITY;

        private Builder(ExecutorService workers, ScheduledExecutorService timers, Clock clock) {
            this.workers = Objects.requireNonNull(workers, "workers");
            this.timers = Objects.requireNonNull(timers, "timers");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The agent for every node without one of its own. */
        public Builder agent(FenceAgent agent) {
            this.defaultAgent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        /** The agent that fences {@code node}. */
        public Builder agent(NodeId node, FenceAgent agent) {
            agents.put(Objects.requireNonNull(node, "node"), Objects.requireNonNull(agent, "agent"));
            return this;
        }

        /** Wait {@code delay} before fencing {@code node} (see the class comment: delay the preferred node). */
        public Builder delay(NodeId node, Duration delay) {
            requireNotNegative("fence delay of " + node, delay);
            delays.put(Objects.requireNonNull(node, "node"), delay);
            return this;
        }

        public Builder timeout(Duration timeout) {
            requirePositive("fence timeout", timeout);
            this.timeout = timeout;
            return this;
        }

        /** How long past the timeout to wait for an agent that ignores its timeout. */
        public Builder grace(Duration grace) {
            requireNotNegative("fence grace", grace);
            this.grace = grace;
            return this;
        }

        public Builder historySize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("fence history size must be positive: " + size);
            }
            this.historySize = size;
            return this;
        }

        public Builder listener(FenceListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public FenceExecutor build() {
            if (defaultAgent == null && agents.isEmpty()) {
                throw new IllegalStateException("a fence executor needs at least one agent");
            }
            return new FenceExecutor(this);
        }

        private static void requirePositive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
        }

        private static void requireNotNegative(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
        }
    }
}
