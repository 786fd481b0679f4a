package io.heartline.stonith.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.NodeId;
import io.heartline.stonith.FenceAction;
import io.heartline.stonith.FenceRecord;
import io.heartline.stonith.Outcome;
import io.heartline.stonith.PowerState;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FenceMetricsTest {
    private static FenceRecord record(Outcome outcome, long tookMs) {
        return new FenceRecord(Instant.EPOCH, new NodeId("node-a"), FenceAction.OFF, "ipmi", outcome, PowerState.OFF,
                "detail", Duration.ZERO, Duration.ofMillis(tookMs));
    }

    @Test
    void countsOperationsByOutcomeAndTimesTheAgent() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FenceMetrics metrics = new FenceMetrics();
        metrics.finished(record(Outcome.OK, 1)); // before binding: not counted
        metrics.bindTo(registry);
        metrics.finished(record(Outcome.OK, 200));
        metrics.finished(record(Outcome.OK, 400));
        metrics.finished(record(Outcome.TIMEOUT, 60_000));

        assertEquals(2.0, registry.get("heartline.fence.operations")
                .tags("target", "node-a", "action", "off", "outcome", "ok").counter().count());
        assertEquals(1.0, registry.get("heartline.fence.operations").tags("outcome", "timeout").counter().count());
        Timer ok = registry.get("heartline.fence.duration").tags("action", "off", "outcome", "ok").timer();
        assertEquals(2, ok.count());
        assertEquals(600.0, ok.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }
}
