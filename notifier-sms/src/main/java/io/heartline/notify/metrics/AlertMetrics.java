package io.heartline.notify.metrics;

import io.heartline.notify.ChannelStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The alert channels' delivery counters as Prometheus meters, read from the notifier's status at
 * scrape time (alerting itself is not touched):
 *
 * <ul>
 *   <li>{@code heartline_alerts_total{channel,outcome}}: alerts by how they ended: {@code delivered},
 *       {@code rejected} (failed permanently), {@code gave_up} (retries exhausted), {@code dropped}
 *       (queue full) and {@code held} (folded into a rate-limit summary);</li>
 *   <li>{@code heartline_alert_attempts_total{channel}}: delivery attempts, retries included;</li>
 *   <li>{@code heartline_alerts_queued{channel}}: alerts waiting, the one in flight included.</li>
 * </ul>
 *
 * The registry holds meters' state weakly: whoever binds this keeps a reference to it.
 */
public final class AlertMetrics implements MeterBinder {
    private final Supplier<List<ChannelStatus>> status;

    /** @param status the notifier's {@code status()}: one entry per configured channel */
    public AlertMetrics(Supplier<List<ChannelStatus>> status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ChannelStatus c : status.get()) {
            String channel = c.name();
            outcome(registry, channel, "delivered", ChannelStatus::delivered);
            outcome(registry, channel, "rejected", ChannelStatus::rejected);
            outcome(registry, channel, "gave_up", ChannelStatus::gaveUp);
            outcome(registry, channel, "dropped", ChannelStatus::dropped);
            outcome(registry, channel, "held", ChannelStatus::held);
            FunctionCounter.builder("heartline.alert.attempts", this, m -> m.read(channel, ChannelStatus::attempts))
                    .description("Alert delivery attempts, retries included").tag("channel", channel).register(registry);
            Gauge.builder("heartline.alerts.queued", this, m -> m.read(channel, s -> s.queued() + s.inFlight()))
                    .description("Alerts waiting for delivery").tag("channel", channel).register(registry);
        }
    }

    private void outcome(MeterRegistry registry, String channel, String outcome, ToDoubleFunction<ChannelStatus> f) {
        FunctionCounter.builder("heartline.alerts", this, m -> m.read(channel, f))
                .description("Alerts by how their delivery ended").tags("channel", channel, "outcome", outcome)
                .register(registry);
    }

    private double read(String channel, ToDoubleFunction<ChannelStatus> f) {
        for (ChannelStatus c : status.get()) {
            if (c.name().equals(channel)) {
                return f.applyAsDouble(c);
            }
        }
        return Double.NaN;
    }
}
