package io.heartline.takeover.metrics;

import io.heartline.takeover.Takeover;
import io.heartline.takeover.TakeoverStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The VIP layer's counters as Prometheus meters, read from {@link Takeover#stats()} at scrape
 * time (the takeover path itself is not touched):
 * {@code heartline_vip_addresses_added_total}, {@code heartline_vip_addresses_removed_total},
 * {@code heartline_garp_sent_total} and {@code heartline_garp_failures_total} (gratuitous ARP
 * or unsolicited NA frames that could not be sent: a client may keep the old MAC).
 */
public final class TakeoverMetrics implements MeterBinder {
    private final Takeover takeover;

    /** @param takeover the daemon's takeover; held weakly by the registry, so the daemon must keep it */
    public TakeoverMetrics(Takeover takeover) {
        this.takeover = Objects.requireNonNull(takeover, "takeover");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "heartline.vip.addresses.added", "VIP addresses added (claims)", TakeoverStats::addressesAdded);
        counter(registry, "heartline.vip.addresses.removed", "VIP addresses removed (releases)",
                TakeoverStats::addressesRemoved);
        counter(registry, "heartline.garp.sent", "Gratuitous ARP / unsolicited NA frames sent", TakeoverStats::garpSent);
        counter(registry, "heartline.garp.failures", "Gratuitous ARP / unsolicited NA frames that could not be sent",
                TakeoverStats::garpFailures);
    }

    private void counter(MeterRegistry registry, String name, String help, ToDoubleFunction<TakeoverStats> f) {
        FunctionCounter.builder(name, takeover, t -> f.applyAsDouble(t.stats())).description(help).register(registry);
    }
}
