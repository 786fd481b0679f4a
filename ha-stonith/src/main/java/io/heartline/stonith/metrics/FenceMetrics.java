package io.heartline.stonith.metrics;

import io.heartline.stonith.FenceListener;
import io.heartline.stonith.FenceRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every fence operation the executor finished, as Prometheus meters: a {@link FenceListener}
 * registered on the {@code FenceExecutor}.
 *
 * <ul>
 *   <li>{@code heartline_fence_operations_total{target,action,outcome}}: operations by target node,
 *       action ({@code off}, {@code status}, ...) and outcome ({@code ok}, {@code failed}, {@code timeout});</li>
 *   <li>{@code heartline_fence_duration_seconds{action,outcome}}: how long the agent took (the fence
 *       delay not included), so a slow BMC shows before it times out.</li>
 * </ul>
 *
 * The label is {@code target}, not {@code node}: the daemon tags every meter with its own
 * {@code node}. Meters are created on the first operation of each kind; records that arrive
 * before binding are not counted.
 */
public final class FenceMetrics implements MeterBinder, FenceListener {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(FenceRecord record) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        String node = record.node().name();
        String action = record.action().name().toLowerCase(Locale.ROOT);
        String outcome = record.outcome().name().toLowerCase(Locale.ROOT);
        counters.computeIfAbsent(node + '\u0000' + action + '\u0000' + outcome,
                k -> Counter.builder("heartline.fence.operations")
                        .description("Fence operations by target node, action and outcome")
                        .tags("target", node, "action", action, "outcome", outcome).register(r)).increment();
        timers.computeIfAbsent(action + '\u0000' + outcome,
                k -> Timer.builder("heartline.fence.duration")
                        .description("Time the fence agent took (fence delay not included)")
                        .tags("action", action, "outcome", outcome).register(r)).record(record.took());
    }
}
