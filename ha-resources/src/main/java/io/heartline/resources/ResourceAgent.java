package io.heartline.resources;

import java.time.Duration;

/**
 * One agent kind behind one interface: heartbeat-style scripts ({@link ScriptAgent}), LSB init
 * scripts ({@link LsbAgent}), OCF agents ({@link OcfAgent}) and built-in probes
 * ({@link ProbeAgent}). An agent is configured for one resource instance when it is made.
 *
 * <p>Contract (checked for every kind by the {@code ResourceAgentContract} kit): start and stop
 * are idempotent; monitor answers {@link OcfStatus#SUCCESS} for running and
 * {@link OcfStatus#NOT_RUNNING} for cleanly stopped; {@link #run} returns within {@code timeout}
 * plus a short kill grace, never throws for an agent's failure, and reports a timeout as
 * {@link OperationResult#timedOut()}.
 */
public interface ResourceAgent {

    /** Runs one operation, bounded by {@code timeout}. Blocks the calling thread. */
    OperationResult run(Operation op, Duration timeout);

    /** For logs and status: {@code ocf:heartbeat:IPaddr2 (vip)}, {@code lsb:nginx}, ... */
    String describe();
}
