package io.heartline.takeover.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.VirtualScheduler;
import io.heartline.core.config.GarpConfig;
import io.heartline.core.config.VipConfig;
import io.heartline.takeover.AddressManager;
import io.heartline.takeover.GarpSender;
import io.heartline.takeover.Takeover;
import io.heartline.takeover.TakeoverException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A claim and a release in virtual time, then the counters as the registry reads them. */
class TakeoverMetricsTest {
    private final Set<VipConfig> present = new HashSet<>();
    private final AddressManager addresses = new AddressManager() {
        @Override
        public void add(VipConfig vip) {
            present.add(vip);
        }

        @Override
        public boolean remove(VipConfig vip) {
            return present.remove(vip);
        }

        @Override
        public boolean isPresent(VipConfig vip) {
            return present.contains(vip);
        }
    };
    private int garpCalls;
    private final GarpSender garp = vip -> {
        if (++garpCalls % 2 == 0) {
            throw new TakeoverException("no such device");
        }
    };

    @Test
    void countsAddsRemovesAndAnnouncements() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler();
        Takeover takeover = new Takeover(addresses, garp, new GarpConfig(2, Duration.ofMillis(100), Duration.ZERO), scheduler);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TakeoverMetrics(takeover).bindTo(registry);
        VipConfig vip = new VipConfig(InetAddress.getByName("10.199.1.10"), 24, "eth0");

        takeover.claim(List.of(vip));
        scheduler.advance(Duration.ofSeconds(1));
        takeover.release(List.of(vip));

        assertEquals(1.0, count(registry, "heartline.vip.addresses.added"));
        assertEquals(1.0, count(registry, "heartline.vip.addresses.removed"));
        assertEquals(1.0, count(registry, "heartline.garp.sent"));
        assertEquals(1.0, count(registry, "heartline.garp.failures"));
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }
}
