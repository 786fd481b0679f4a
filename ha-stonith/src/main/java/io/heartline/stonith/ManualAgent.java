package io.heartline.stonith;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meatware: an operator fences by hand and says so. {@code run(OFF|ON|REBOOT, node, timeout)}
 * blocks until {@link #acknowledge(NodeId)} is called (by {@code hactl fence-ack NODE}) or the
 * timeout passes ({@link Outcome#TIMEOUT}). {@link #pending()} lists who waits, and the
 * {@code prompt} given at construction hears of each new wait, so the daemon can alert the
 * operator.
 *
 * <p>{@code status} reports what the operator last acknowledged for the node ({@code off} after
 * an acknowledged off, {@code on} after an acknowledged on or reboot), {@link PowerState#UNKNOWN}
 * before any. An acknowledgement with nobody waiting is refused: an operator confirms a request,
 * never a guess made ahead of time. Only the configured nodes can be fenced this way.
 */
public final class ManualAgent implements FenceAgent {
    private static final Logger log = LoggerFactory.getLogger(ManualAgent.class);

    /** A request waiting for the operator. */
    public record Request(NodeId node, FenceAction action, Instant since) {
    }

    private record Waiter(Request request, CompletableFuture<Void> acked) {
    }

    private final String name;
    private final Set<NodeId> nodes;
    private final Clock clock;
    private final Consumer<Request> prompt;
    private final Map<NodeId, Waiter> waiting = new ConcurrentHashMap<>();
    private final Map<NodeId, PowerState> acknowledged = new ConcurrentHashMap<>();

    /**
     * @param nodes  the nodes an operator can fence by hand
     * @param prompt told of each request as it starts waiting (on the requesting thread; must not block)
     */
    public ManualAgent(String name, Set<NodeId> nodes, Clock clock, Consumer<Request> prompt) {
        this.name = Objects.requireNonNull(name, "name");
        this.nodes = Set.copyOf(nodes);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    @Override
    public FenceResult run(FenceAction action, NodeId node, Duration timeout) {
        if (!nodes.contains(node)) {
            return FenceResult.failed(name + ": node " + node + " is not fenced by hand here (only " + new TreeSet<>(nodes) + ")",
                    Duration.ZERO);
        }
        if (action == FenceAction.STATUS) {
            PowerState p = acknowledged.getOrDefault(node, PowerState.UNKNOWN);
            return FenceResult.ok(p, name + " status " + node + ": " + describe(p), Duration.ZERO);
        }
        long start = clock.monotonicNanos();
        Waiter mine = new Waiter(new Request(node, action, clock.wallTime()), new CompletableFuture<>());
        Waiter existing = waiting.putIfAbsent(node, mine);
        Waiter w = existing == null ? mine : existing;
        if (w.request().action() != action) {
            return FenceResult.failed(name + ": " + node + " already waits for an acknowledged "
                    + w.request().action().word(), Duration.ZERO);
        }
        if (w == mine) {
            log.warn("manual fencing: {} node {} by hand, then run 'hactl fence-ack {} --yes-i-checked {}' (waiting {})",
                    action.word(), node, node, node, Durations.show(timeout));
            try {
                prompt.accept(mine.request());
            } catch (RuntimeException e) {
                log.error("manual fencing: telling the operator about {} failed; still waiting for 'hactl fence-ack {} --yes-i-checked {}'", node, node, node, e);
            }
        }
        try {
            w.acked().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            PowerState p = action == FenceAction.OFF ? PowerState.OFF : PowerState.ON;
            acknowledged.put(node, p);
            return FenceResult.ok(p, name + " " + action.word() + " " + node + ": acknowledged by the operator", since(start));
        } catch (TimeoutException e) {
            waiting.remove(node, w);
            return FenceResult.timeout(name + " " + action.word() + " " + node + ": no operator acknowledgement within "
                    + Durations.show(timeout), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiting.remove(node, w);
            return FenceResult.failed(name + " " + action.word() + " " + node + ": interrupted", since(start));
        } catch (ExecutionException e) {
            return FenceResult.failed(name + " " + action.word() + " " + node + ": " + e.getCause(), since(start));
        }
    }

    /**
     * The operator's word that the waiting request for {@code node} has been carried out.
     *
     * @return false if no request for {@code node} was waiting (nothing is recorded then)
     */
    public boolean acknowledge(NodeId node) {
        Waiter w = waiting.remove(node);
        if (w == null) {
            log.warn("manual fencing: acknowledgement for {} but nothing waits for one", node);
            return false;
        }
        log.warn("manual fencing: operator acknowledged {} of {}", w.request().action().word(), node);
        w.acked().complete(null);
        return true;
    }

    /** The requests waiting for an acknowledgement, oldest first. */
    public List<Request> pending() {
        List<Request> out = new ArrayList<>();
        waiting.values().forEach(w -> out.add(w.request()));
        out.sort(Comparator.comparing(Request::since).thenComparing(Request::node));
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    private static String describe(PowerState p) {
        return p == PowerState.UNKNOWN ? "nothing acknowledged yet" : p.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Duration since(long startNanos) {
        return Duration.ofNanos(clock.monotonicNanos() - startNanos);
    }
}
