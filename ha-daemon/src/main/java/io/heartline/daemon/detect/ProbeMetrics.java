package io.heartline.daemon.detect;

import io.heartline.core.NodeId;
import io.heartline.membership.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The detector's probe rounds, per peer:
 * <ul>
 *   <li>{@code heartline_probe_duration_seconds{peer}}: a histogram from the start of a round to its
 *       answer (about confirm-timeout when the port is open, well under it when it is closed);</li>
 *   <li>{@code heartline_probes_total{peer,kernel,port}}: rounds by what they found ({@code answered},
 *       {@code silent}, {@code unknown}; {@code closed}, {@code not_closed}, {@code unknown}).</li>
 * </ul>
 * Every series of the configured peers exists from the start at 0.
 */
final class ProbeMetrics implements MeterBinder {
    private static final Duration[] BUCKETS = {Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final List<NodeId> peers;
    private final Map<NodeId, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> rounds = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    ProbeMetrics(List<NodeId> peers) {
        this.peers = List.copyOf(peers);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (NodeId peer : peers) {
            durations.put(peer, Timer.builder("heartline.probe.duration")
                    .description("Two-stage detector: from the start of a probe round to its answer")
                    .tag("peer", peer.name()).serviceLevelObjectives(BUCKETS).register(registry));
            for (Event.Kernel k : Event.Kernel.values()) {
                for (Event.Port p : Event.Port.values()) {
                    counter(peer, k, p);
                }
            }
        }
    }

    /** One round's findings; called on the prober's thread. */
    void record(NodeId peer, ProbeFindings f) {
        if (registry == null) {
            return;
        }
        Timer t = durations.get(peer);
        if (t != null) {
            t.record(f.tookNanos(), TimeUnit.NANOSECONDS);
        }
        counter(peer, f.kernel(), f.port()).increment();
    }

    private Counter counter(NodeId peer, Event.Kernel kernel, Event.Port port) {
        MeterRegistry reg = registry;
        String k = kernel.name().toLowerCase(java.util.Locale.ROOT);
        String p = port.name().toLowerCase(java.util.Locale.ROOT);
        return rounds.computeIfAbsent(peer.name() + '\u0000' + k + '\u0000' + p, key -> Counter.builder("heartline.probes")
                .description("Two-stage detector: probe rounds by what the node check (kernel) and daemon check (port) found")
                .tag("peer", peer.name()).tag("kernel", k).tag("port", p).register(reg));
    }
}
