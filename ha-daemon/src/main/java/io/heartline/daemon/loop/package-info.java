/**
 * The one thread that owns cluster state ({@link io.heartline.daemon.loop.EventLoop}) and the carrying-out of the decider's actions ({@link io.heartline.daemon.loop.ActionRunner}). Depends on the membership decider and on the adapters it hands actions to, never on control or lifecycle.
 */
package io.heartline.daemon.loop;
