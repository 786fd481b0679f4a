package io.heartline.stonith;

import io.heartline.core.NodeId;
import java.time.Duration;

/**
 * A way to fence nodes: a power switch, a BMC, a script, an operator.
 *
 * <p>{@link #run} blocks until the device answered or {@code timeout} passed; it never throws for
 * a device problem, it returns {@link Outcome#FAILED} or {@link Outcome#TIMEOUT} with a detail.
 * Implementations must be safe to call from several threads for different nodes. Callers
 * should go through {@link FenceExecutor}, which runs agents off the caller's thread, enforces
 * the timeout on the caller's side too (in case an agent does not), and verifies an
 * {@link FenceAction#OFF} with a {@link FenceAction#STATUS}; an agent's own {@code OFF} result
 * means only "the device says it did it".
 *
 * <p>Every implementation's test extends the contract kit {@code FenceAgentContract}
 * (in the {@code ha-stonith:tests} jar).
 */
public interface FenceAgent {
    /**
     * Performs {@code action} on {@code node}.
     *
     * @return OK with the power state reached (for STATUS: the state read), FAILED or TIMEOUT
     */
    FenceResult run(FenceAction action, NodeId node, Duration timeout);

    /** A short name for logs, history and {@code hactl status} (the device name). */
    String name();
}
