/**
 * Ping nodes: ICMP echo to addresses outside the cluster (a gateway) every {@code ping-interval},
 * on a thread of its own, each round posted to the event loop as
 * {@link io.heartline.membership.Event.PingNodes}. The decider, not this package, decides what a
 * silent gateway means (claim nothing, release) and journals it.
 */
package io.heartline.daemon.ping;
