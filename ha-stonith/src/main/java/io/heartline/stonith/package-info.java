/**
 * Fencing (STONITH): making sure a peer that looks dead really is, before its resources are
 * taken over.
 *
 * <ul>
 *   <li>{@link io.heartline.stonith.FenceAgent} is the contract every agent fulfils:
 *       {@link io.heartline.stonith.FenceAgentsAgent} runs the {@code fence_*} agents of the
 *       {@code fence-agents} package exactly as Pacemaker does (options on stdin),
 *       {@link io.heartline.stonith.ScriptAgent} runs a plain {@code SCRIPT ACTION NODE}, and
 *       {@link io.heartline.stonith.ManualAgent} waits for an operator's acknowledgement
 *       (meatware).</li>
 *   <li>{@link io.heartline.stonith.FenceExecutor} is what the daemon calls: it runs requests off
 *       the caller's thread, applies the per-node fence delay, enforces the timeout, verifies an
 *       {@code off} with {@code status}, joins duplicate requests and keeps a bounded history.</li>
 * </ul>
 *
 * <p>Nothing here sleeps or reads the system clock: time comes from an injected
 * {@link io.heartline.core.Clock} and timers from an injected scheduler.
 */
package io.heartline.stonith;
