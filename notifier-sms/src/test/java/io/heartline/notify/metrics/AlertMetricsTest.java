package io.heartline.notify.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.notify.ChannelStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AlertMetricsTest {
    private static ChannelStatus status(String name, int queued, long delivered, long gaveUp, long attempts) {
        return new ChannelStatus(name, queued, 0, 0, 0, delivered, 0, gaveUp, 0, 0, attempts, null, null, null, null);
    }

    @Test
    void readsEachChannelsCountersAtScrapeTime() {
        AtomicReference<List<ChannelStatus>> now = new AtomicReference<>(
                List.of(status("sms", 0, 0, 0, 0), status("mail", 0, 0, 0, 0)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AlertMetrics metrics = new AlertMetrics(now::get);
        metrics.bindTo(registry);

        now.set(List.of(status("sms", 2, 5, 1, 9), status("mail", 0, 3, 0, 3)));

        assertEquals(5.0, registry.get("heartline.alerts").tags("channel", "sms", "outcome", "delivered")
                .functionCounter().count());
        assertEquals(1.0, registry.get("heartline.alerts").tags("channel", "sms", "outcome", "gave_up")
                .functionCounter().count());
        assertEquals(3.0, registry.get("heartline.alerts").tags("channel", "mail", "outcome", "delivered")
                .functionCounter().count());
        assertEquals(9.0, registry.get("heartline.alert.attempts").tag("channel", "sms").functionCounter().count());
        assertEquals(2.0, registry.get("heartline.alerts.queued").tag("channel", "sms").gauge().value());
        assertEquals(5 * 2, registry.find("heartline.alerts").functionCounters().size());
    }
}
