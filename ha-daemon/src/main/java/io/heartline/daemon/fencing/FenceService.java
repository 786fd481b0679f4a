package io.heartline.daemon.fencing;

import io.heartline.daemon.loop.Inbox;
import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.membership.Event;
import io.heartline.stonith.FenceExecutor;
import io.heartline.stonith.FenceRecord;
import io.heartline.stonith.FenceResult;
import io.heartline.stonith.FenceSections;
import io.heartline.stonith.ManualAgent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the decider's fence requests with the configured fence devices, off the event
 * loop, and posts each result back as {@link Event.FenceDone}. The fence delay is the decider's
 * (pure and tested there), so the executor itself waits for nothing. Also serves
 * {@code hactl fence} and {@code hactl fence-ack}.
 */
public final class FenceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FenceService.class);
    private final boolean enabled;
    private final FenceExecutor executor;
    private final List<ManualAgent> manual;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Inbox loop;

    private FenceService(boolean enabled, FenceExecutor executor, List<ManualAgent> manual, ExecutorService workers,
                   ScheduledExecutorService timers, Inbox loop) {
        this.enabled = enabled;
        this.executor = executor;
        this.manual = manual;
        this.workers = workers;
        this.timers = timers;
        this.loop = loop;
    }

    public static FenceService start(HeartlineConfig config, Clock clock, Inbox loop) throws InvalidSectionException {
        return start(config, clock, loop, r -> { });
    }

    /** As above; {@code metrics} also hears every finished fence operation. */
    public static FenceService start(HeartlineConfig config, Clock clock, Inbox loop, io.heartline.stonith.FenceListener metrics)
            throws InvalidSectionException {
        FenceSections.Agents agents = FenceSections.build(config, clock, r -> log.warn(
                "MANUAL FENCING: make sure {} is powered off, then run: hactl fence-ack {} --yes-i-checked {}", r.node(), r.node(), r.node()));
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "heartline-fence");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartline-fence-timer");
            t.setDaemon(true);
            return t;
        });
        FenceExecutor.Builder b = FenceExecutor.builder(workers, timers, clock).listener(FenceService::logged).listener(metrics);
        if (config.fencing().enabled()) {
            b.timeout(config.fencing().timeout());
        }
        agents.byNode().forEach(b::agent);
        FenceExecutor executor = agents.byNode().isEmpty() ? null : b.build(); // none when fencing = off
        return new FenceService(config.fencing().enabled(), executor, agents.manual(), workers, timers, loop);
    }

    private static void logged(FenceRecord r) {
        log.warn("fence {} {} with {}: {} ({}, {} ms)", r.action(), r.node(), r.agent(), r.outcome(), r.detail(),
                r.took().toMillis());
    }

    /** The decider asks: power {@code node} off and confirm; the answer goes back to the loop. */
    public void fence(NodeId node) {
        if (executor == null) {
            loop.post(at -> new Event.FenceDone(at, node, false, "no fence device configured"));
            return;
        }
        executor.off(node).thenAccept(r -> loop.post(at -> new Event.FenceDone(at, node, r.isOk(), describe(r))));
    }

    /** {@code hactl fence NODE}: the operator's own fence; a confirmed off is also told to the decider. */
    public CompletableFuture<FenceResult> fenceNow(NodeId node) {
        if (executor == null) {
            return CompletableFuture.completedFuture(FenceResult.failed(
                    "fencing is off: no fence device is configured", java.time.Duration.ZERO));
        }
        return executor.off(node).whenComplete((r, e) -> {
            if (r != null && r.isOk()) {
                loop.post(at -> new Event.FenceDone(at, node, true, "fenced by the operator: " + describe(r)));
            }
        });
    }

    /** {@code hactl fence-ack NODE}: an operator confirms that a node waiting for manual fencing is off. */
    public boolean acknowledge(NodeId node) {
        boolean any = false;
        for (ManualAgent m : manual) {
            any |= m.acknowledge(node);
        }
        return any;
    }

    private static String describe(FenceResult r) {
        return r.outcome() + " (" + r.power() + "): " + r.detail() + " in " + r.took().toMillis() + " ms";
    }

    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("in_progress", executor == null ? List.of() : executor.inProgress().keySet().stream().map(NodeId::name).toList());
        List<Object> waiting = new ArrayList<>();
        for (ManualAgent a : manual) {
            for (ManualAgent.Request r : a.pending()) {
                waiting.add(Map.of("node", r.node().name(), "since", r.since().toString()));
            }
        }
        m.put("waiting_for_ack", waiting);
        List<Object> history = new ArrayList<>();
        for (FenceRecord r : executor == null ? List.<FenceRecord>of() : executor.history().entries()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("time", r.requested().toString());
            h.put("node", r.node().name());
            h.put("action", r.action().name());
            h.put("agent", r.agent());
            h.put("outcome", r.outcome().name());
            h.put("detail", r.detail());
            h.put("took_ms", r.took().toMillis());
            history.add(h);
        }
        m.put("history", history);
        return m;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timers.shutdownNow();
    }
}
