/**
 * The local resource manager: resource groups started in order and stopped in reverse, with
 * timeouts, recurring monitors and an on-fail policy, over agents of every kind.
 *
 * <ul>
 *   <li>Vocabulary: {@link io.heartline.resources.OcfStatus}, {@link io.heartline.resources.Operation},
 *       {@link io.heartline.resources.OperationResult}.</li>
 *   <li>Agents, one interface ({@link io.heartline.resources.ResourceAgent}):
 *       {@link io.heartline.resources.ScriptAgent} (heartbeat v1 scripts),
 *       {@link io.heartline.resources.LsbAgent} (init scripts), {@link io.heartline.resources.OcfAgent}
 *       (resource-agents, with {@link io.heartline.resources.MetaData} validation) and
 *       {@link io.heartline.resources.ProbeAgent} (built-in TCP-then-HTTP monitor); all processes
 *       run through {@link io.heartline.core.process.AgentProcess}, each in its own process group.</li>
 *   <li>Config: {@link io.heartline.resources.ResourceSpec} → {@link io.heartline.resources.ResourceAgents}.</li>
 *   <li>An LVS director's real-server checks: {@link io.heartline.resources.lvs}.</li>
 *   <li>Groups: {@link io.heartline.resources.Resource} (agents adapted by
 *       {@link io.heartline.resources.AgentResource}, or Java code such as the daemon's VIP),
 *       {@link io.heartline.resources.ResourceGroup}, {@link io.heartline.resources.GroupManager},
 *       {@link io.heartline.resources.GroupResult}, {@link io.heartline.resources.GroupStatus},
 *       {@link io.heartline.resources.GroupListener}.</li>
 * </ul>
 *
 * The contract kit every agent must pass, {@code ResourceAgentContract} (a port of ocf-tester), is
 * in this module's test-jar, with heartline-testkit's {@code VirtualScheduler} for virtual-time tests.
 */
package io.heartline.resources;
