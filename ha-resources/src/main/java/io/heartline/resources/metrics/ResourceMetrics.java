package io.heartline.resources.metrics;

import io.heartline.resources.OperationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the recurring monitors of the managed resources by result:
 * {@code heartline_resource_monitors_total{group,resource,result}}, where {@code result} is the
 * OCF status in lower case ({@code success}, {@code not_running}, {@code err_generic}, ...) or
 * {@code timeout}. A rising rate of anything but {@code success} is a resource about to be
 * restarted or moved. Fed by {@link #monitored} (the group manager's listener hook); the
 * counters are created on first use and kept, so a monitor does one map lookup. The real-server
 * checks' meters ({@link RealServerMetrics}) are bound with these.
 */
public final class ResourceMetrics implements MeterBinder {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final RealServerMetrics realServers = new RealServerMetrics();
    private volatile MeterRegistry registry;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        realServers.bindTo(registry);
    }

    /** The LVS directors' real-server meters, bound with these. */
    public RealServerMetrics realServers() {
        return realServers;
    }

    /**
     * One start-up probe of {@code resource} in {@code group} found {@code result}:
     * {@code heartline_startup_probes_total{group,resource,result}}, result {@code running},
     * {@code not-running} or {@code unknown}. Any thread; ignored before binding.
     */
    public void probed(String group, String resource, io.heartline.resources.ProbeResult result) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        String outcome = result.wireName();
        counters.computeIfAbsent("probe\u0000" + group + '\u0000' + resource + '\u0000' + outcome,
                k -> Counter.builder("heartline.startup.probes")
                        .description("Start-up probes of a resource by what they found")
                        .tags("group", group, "resource", resource, "result", outcome)
                        .register(r)).increment();
    }

    /** One monitor of {@code resource} in {@code group} ended with {@code result}. Any thread; ignored before binding. */
    public void monitored(String group, String resource, OperationResult result) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        String outcome = result.timedOut() ? "timeout" : result.status().name().toLowerCase(Locale.ROOT);
        counters.computeIfAbsent(group + '\u0000' + resource + '\u0000' + outcome,
                k -> Counter.builder("heartline.resource.monitors")
                        .description("Recurring monitor results of a resource")
                        .tags("group", group, "resource", resource, "result", outcome)
                        .register(r)).increment();
    }
}
