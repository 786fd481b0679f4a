package io.heartline.resources.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.resources.OcfStatus;
import io.heartline.resources.Operation;
import io.heartline.resources.OperationResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResourceMetricsTest {
    @Test
    void countsMonitorResultsByGroupResourceAndResult() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ResourceMetrics metrics = new ResourceMetrics();
        metrics.monitored("web", "nginx", OperationResult.of(Operation.MONITOR, OcfStatus.SUCCESS, "")); // not bound yet
        metrics.bindTo(registry);
        metrics.monitored("web", "nginx", OperationResult.of(Operation.MONITOR, OcfStatus.SUCCESS, ""));
        metrics.monitored("web", "nginx", OperationResult.of(Operation.MONITOR, OcfStatus.SUCCESS, ""));
        metrics.monitored("web", "nginx", OperationResult.of(Operation.MONITOR, OcfStatus.NOT_RUNNING, "gone"));
        metrics.monitored("web", "db", OperationResult.timedOut(Operation.MONITOR, "", Duration.ofSeconds(20)));

        assertEquals(2.0, count(registry, "nginx", "success"));
        assertEquals(1.0, count(registry, "nginx", "not_running"));
        assertEquals(1.0, count(registry, "db", "timeout"));
        assertEquals(3, registry.find("heartline.resource.monitors").counters().size());
    }

    @Test
    void countsStartupProbesApartFromMonitors() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ResourceMetrics metrics = new ResourceMetrics();
        metrics.bindTo(registry);
        metrics.probed("web", "nginx", io.heartline.resources.ProbeResult.RUNNING);
        metrics.probed("web", "db", io.heartline.resources.ProbeResult.UNKNOWN);
        metrics.probed("web", "db", io.heartline.resources.ProbeResult.UNKNOWN);
        assertEquals(2.0, registry.get("heartline.startup.probes").tags("group", "web", "resource", "db", "result", "unknown")
                .counter().count());
        assertEquals(2, registry.find("heartline.startup.probes").counters().size());
        assertEquals(0, registry.find("heartline.resource.monitors").counters().size());
    }

    private static double count(SimpleMeterRegistry registry, String resource, String result) {
        return registry.get("heartline.resource.monitors").tags("group", "web", "resource", resource, "result", result)
                .counter().count();
    }
}
