package io.heartline.daemon.metrics;

import io.heartline.core.Clock;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.heartbeat.metrics.MediumMetrics;
import io.heartline.membership.ClusterState;
import io.heartline.notify.ChannelStatus;
import io.heartline.notify.metrics.AlertMetrics;
import io.heartline.takeover.Takeover;
import io.heartline.takeover.metrics.TakeoverMetrics;
import io.heartline.core.config.MetricsConfig;
import io.heartline.daemon.http.HttpLimits;
import io.heartline.daemon.http.Routes;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The daemon's Prometheus registry: every module's {@link MeterBinder} plus the JVM basics
 * (memory, GC, threads, CPU, uptime), tagged with the cluster and node names, served over HTTP
 * when {@code metrics.listen} is set. The registry reads meters weakly, so this object keeps
 * every binder for as long as the daemon runs.
 */
public final class DaemonMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    /** The binders: the registry holds function meters' state weakly, so they must live as long as this. */
    private final List<Object> keep;
    private final JvmGcMetrics gc;
    private MetricsServer server;

    private DaemonMetrics(PrometheusMeterRegistry registry, List<Object> keep, JvmGcMetrics gc) {
        this.registry = registry;
        this.keep = keep;
        this.gc = gc;
    }

    /**
     * The daemon's registry: the media, VIP, alert and cluster-state meters built from the given
     * parts, {@code more} (binders the daemon also feeds: records, monitors, fences), the JVM's.
     */
    public static DaemonMetrics create(HeartlineConfig config, Clock clock, Supplier<ClusterState> state,
                                       List<? extends HeartbeatMedium> media, Takeover takeover,
                                       Supplier<List<ChannelStatus>> alerts, MeterBinder... more) {
        List<MeterBinder> binders = new ArrayList<>(List.of(
                new MediumMetrics(media, config.peers().stream().map(NodeConfig::id).toList()),
                new TakeoverMetrics(takeover), new AlertMetrics(alerts), new ClusterMetrics(config, state, clock)));
        binders.addAll(List.of(more));
        return create(config, binders);
    }

    /** A registry with {@code binders} and the JVM's meters bound; nothing served yet. */
    public static DaemonMetrics create(HeartlineConfig config, List<? extends MeterBinder> binders) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("cluster", config.cluster(), "node", config.self().name());
        JvmGcMetrics gc = new JvmGcMetrics();
        List<Object> keep = new ArrayList<>(binders);
        for (MeterBinder b : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ProcessorMetrics(),
                new UptimeMetrics())) {
            b.bindTo(registry);
            keep.add(b);
        }
        binders.forEach(b -> b.bindTo(registry));
        return new DaemonMetrics(registry, List.copyOf(keep), gc);
    }

    /**
     * Serves {@code GET /metrics} on {@code metrics.listen} with the default limits
     * ({@link HttpLimits#DEFAULT}) on the system clock; nothing when metrics are off.
     *
     * @throws IOException naming {@code metrics.listen} when the address cannot be bound
     */
    public void serve(MetricsConfig config) throws IOException {
        serve(config, HttpLimits.DEFAULT, Clock.system());
    }

    /**
     * Serves {@code GET /metrics} on {@code metrics.listen} within {@code limits}, deadlines on
     * {@code clock}; nothing when metrics are off.
     *
     * @throws IOException naming {@code metrics.listen} when the address cannot be bound
     */
    public void serve(MetricsConfig config, HttpLimits limits, Clock clock) throws IOException {
        serve(config, limits, clock, Routes.builder().build());
    }

    /**
     * Serves {@code GET /metrics} and {@code more} routes (the status page) on {@code metrics.listen}
     * within {@code limits}, deadlines on {@code clock}; nothing when metrics are off.
     *
     * @throws IOException naming {@code metrics.listen} when the address cannot be bound
     */
    public void serve(MetricsConfig config, HttpLimits limits, Clock clock, Routes more) throws IOException {
        if (config.enabled()) {
            server = MetricsServer.start(config.listen(), registry, limits, clock, more);
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Where it is served, or null when it is not. */
    public java.net.InetSocketAddress address() {
        return server == null ? null : server.address();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        gc.close();
        registry.close();
    }
}
