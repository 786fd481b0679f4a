package io.heartline.stonith;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fence request once its delay is over. Each agent call runs on a worker thread under a
 * caller-side watchdog (the agent's own timeout plus a grace; at the watchdog the result is
 * TIMEOUT and the worker is interrupted). The whole request shares one time budget: an OFF
 * that the agent reports done is verified with STATUS within what is left of it.
 *
 * <pre>
 *   OFF ──ok──▶ STATUS ──off──▶ OK (OFF)
 *    │            ├─on/unknown─▶ FAILED
 *    │            ├─failed────▶ FAILED
 *    │            └─timeout───▶ TIMEOUT
 *    └─failed/timeout─────────▶ as is
 *   ON, REBOOT, STATUS ───────▶ as the agent says
 * </pre>
 */
final class FenceOperation {
    private static final Logger log = LoggerFactory.getLogger(FenceOperation.class);

    private final FenceAgent agent;
    private final NodeId node;
    private final FenceAction action;
    private final Duration timeout;
    private final Duration grace;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private long startNanos;

    FenceOperation(FenceAgent agent, NodeId node, FenceAction action, Duration timeout, Duration grace,
                   ExecutorService workers, ScheduledExecutorService timers, Clock clock) {
        this.agent = agent;
        this.node = node;
        this.action = action;
        this.timeout = timeout;
        this.grace = grace;
        this.workers = workers;
        this.timers = timers;
        this.clock = clock;
    }

    /** Starts the work; the future completes normally, always with a result. */
    CompletableFuture<FenceResult> start() {
        startNanos = clock.monotonicNanos();
        CompletableFuture<FenceResult> first = step(action, timeout);
        CompletableFuture<FenceResult> whole = action == FenceAction.OFF ? first.thenCompose(this::verifyOff) : first;
        return whole.thenApply(r -> r.withTook(elapsed()));
    }

    private CompletableFuture<FenceResult> verifyOff(FenceResult off) {
        if (!off.isOk()) {
            return CompletableFuture.completedFuture(off);
        }
        Duration left = timeout.minus(elapsed());
        if (left.isNegative() || left.isZero()) {
            return CompletableFuture.completedFuture(FenceResult.timeout(what(FenceAction.OFF)
                    + " reported done, but no time was left to verify it with status", elapsed()));
        }
        return step(FenceAction.STATUS, left).thenApply(status -> judge(off, status));
    }

    /** An off counts only when status then says off. */
    static FenceResult judge(FenceResult off, FenceResult status) {
        String d = off.detail() + "; verify: " + status.detail();
        switch (status.outcome()) {
            case TIMEOUT:
                return FenceResult.timeout(d + " (off not confirmed)", status.took());
            case FAILED:
                return FenceResult.failed(d + " (off not confirmed)", status.took());
            default:
                break;
        }
        if (status.power() == PowerState.OFF) {
            return FenceResult.ok(PowerState.OFF, d, status.took());
        }
        return new FenceResult(Outcome.FAILED, status.power(), d + " (off reported done, but status says "
                + status.power().name().toLowerCase(java.util.Locale.ROOT) + ")", status.took());
    }

    private CompletableFuture<FenceResult> step(FenceAction a, Duration budget) {
        CompletableFuture<FenceResult> result = new CompletableFuture<>();
        Future<?> work;
        try {
            work = workers.submit(() -> {
                result.complete(call(a, budget));
            });
        } catch (RejectedExecutionException e) {
            result.complete(FenceResult.failed(what(a) + ": no worker to run it (" + e.getMessage() + ")", elapsed()));
            return result;
        }
        try {
            ScheduledFuture<?> watchdog = timers.schedule(() -> {
                if (result.complete(FenceResult.timeout(what(a) + ": the agent did not return within "
                        + Durations.show(budget) + " (+" + Durations.show(grace) + " grace)", elapsed()))) {
                    log.warn("{}: agent {} did not return within its timeout; interrupting it", what(a), agent.name());
                    work.cancel(true);
                }
            }, budget.plus(grace).toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> watchdog.cancel(false));
        } catch (RejectedExecutionException e) {
            log.warn("{}: no timer for the caller-side timeout, relying on the agent's own ({})", what(a), e.getMessage());
        }
        return result;
    }

    private FenceResult call(FenceAction a, Duration budget) {
        try {
            FenceResult r = agent.run(a, node, budget);
            return r != null ? r : FenceResult.failed(what(a) + ": the agent returned no result", elapsed());
        } catch (RuntimeException e) {
            log.error("{}: agent {} failed", what(a), agent.name(), e);
            return FenceResult.failed(what(a) + ": the agent failed: " + e, elapsed());
        }
    }

    private String what(FenceAction a) {
        return agent.name() + " " + a.word() + " " + node;
    }

    private Duration elapsed() {
        return Duration.ofNanos(clock.monotonicNanos() - startNanos);
    }
}
