package io.heartline.daemon.ping;

import io.heartline.core.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The ping nodes' meters, one series per node ({@code ping_node} tag):
 * <ul>
 *   <li>{@code heartline_ping_reachable}: 1 while its newest answer is younger than deadtime, else 0;</li>
 *   <li>{@code heartline_ping_rtt_seconds}: the round trip of its newest answer (NaN before the first).</li>
 * </ul>
 */
public final class PingMetrics implements MeterBinder {
    private final PingTracker tracker;
    private final Clock clock;
    private final long deadNanos;

    PingMetrics(PingTracker tracker, Clock clock, long deadNanos) {
        this.tracker = tracker;
        this.clock = clock;
        this.deadNanos = deadNanos;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PingTracker.Node n : tracker.nodes()) {
            String node = n.address.getHostAddress();
            Gauge.builder("heartline.ping.reachable", n, this::reachable)
                    .description("1 while the ping node's newest echo reply is younger than deadtime")
                    .tag("ping_node", node).register(registry);
            Gauge.builder("heartline.ping.rtt", n, x -> x.rttNanos < 0 ? Double.NaN : x.rttNanos / 1e9)
                    .description("Round trip of the ping node's newest echo reply").baseUnit("seconds")
                    .tag("ping_node", node).register(registry);
        }
    }

    private double reachable(PingTracker.Node n) {
        long last = n.lastAnswerAt;
        return last != PingTracker.NEVER && clock.monotonicNanos() - last < deadNanos ? 1 : 0;
    }
}
