package io.heartline.daemon.witness;

import io.heartline.membership.Event;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * The witness's meters, when one is configured:
 * <ul>
 *   <li>{@code heartline_witness_connected}: 1 while the ZooKeeper session is connected, else 0;</li>
 *   <li>{@code heartline_witness_answers_total{verdict}}: answers given to the decider (granted, denied, unreachable);</li>
 *   <li>{@code heartline_witness_sessions_lost_total}: sessions lost (every lock held here went with each).</li>
 * </ul>
 */
public final class WitnessMetrics implements MeterBinder {
    private final WitnessService service;

    WitnessMetrics(WitnessService service) {
        this.service = service;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!service.enabled()) {
            return;
        }
        Gauge.builder("heartline.witness.connected", service, s -> s.state() == WitnessService.State.CONNECTED ? 1 : 0)
                .description("1 while the witness's ZooKeeper session is connected").register(registry);
        for (Event.Witness v : Event.Witness.values()) {
            FunctionCounter.builder("heartline.witness.answers", service, s -> s.answers(v))
                    .description("Witness answers given to the decider, by verdict")
                    .tag("verdict", v.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("heartline.witness.sessions.lost", service, WitnessService::sessionsLost)
                .description("Witness sessions lost (every lock held here went with each)").register(registry);
    }
}
