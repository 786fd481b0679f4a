package io.heartline.daemon.metrics;

import io.heartline.daemon.TestConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.NodeId;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.state.Ownership;
import io.heartline.membership.ClusterState;
import io.heartline.membership.Decider;
import io.heartline.membership.DeciderSettings;
import io.heartline.membership.Event;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gauges read from the decider's state, with the clock moved by hand. */
class ClusterMetricsTest {
    @TempDir
    Path dir;

    @Test
    void linksBeaconAgeAndGroupsFromTheLatestState() throws Exception {
        HeartlineConfig config = TestConfig.load(dir, "");
        ManualClock clock = new ManualClock();
        Decider decider = new Decider(DeciderSettings.from(config));
        AtomicReference<ClusterState> state = new AtomicReference<>(
                decider.initial(Map.of("web", new Ownership(3, "node-a")), clock.monotonicNanos()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(config, state::get, clock).bindTo(registry);

        assertEquals(0.0, gauge(registry, "heartline.link.up", "peer", "node-b", "medium", "lan"));
        assertTrue(Double.isNaN(gauge(registry, "heartline.beacon.age", "peer", "node-b", "medium", "lan")));

        clock.advance(Duration.ofMillis(100));
        state.set(decider.apply(state.get(), new Event.PeerBeacon(clock.monotonicNanos(), "lan", new NodeId("node-b"),
                1, 1, List.of(), List.of())).state());
        clock.advance(Duration.ofMillis(250));

        assertEquals(1.0, gauge(registry, "heartline.peer.alive", "peer", "node-b"));
        assertEquals(1.0, gauge(registry, "heartline.link.up", "peer", "node-b", "medium", "lan"));
        assertEquals(0.0, gauge(registry, "heartline.link.up", "peer", "node-b", "medium", "serial"));
        assertEquals(0.25, gauge(registry, "heartline.beacon.age", "peer", "node-b", "medium", "lan"), 1e-9);
        assertEquals("seconds", registry.get("heartline.beacon.age").gauge().getId().getBaseUnit());

        clock.advance(config.timing().deadtime()); // silent past deadtime: the link is down before the decider ticks
        assertEquals(0.0, gauge(registry, "heartline.link.up", "peer", "node-b", "medium", "lan"));

        String now = state.get().group("web").state().name().toLowerCase(java.util.Locale.ROOT);
        for (io.heartline.core.GroupState g : io.heartline.core.GroupState.values()) {
            String name = g.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(name.equals(now) ? 1.0 : 0.0, gauge(registry, "heartline.group.state", "group", "web", "state", name),
                    name);
        }
        assertEquals(1.0, gauge(registry, "heartline.group.owned", "group", "web"));
        assertEquals(1.0, gauge(registry, "heartline.group.owner", "group", "web", "owner", "node-a"));
        assertEquals(0.0, gauge(registry, "heartline.group.owner", "group", "web", "owner", "node-b"));
        long epoch = state.get().group("web").term().epoch();
        assertTrue(epoch >= 3, "the persisted epoch, or a newer one after a claim");
        assertEquals(epoch, gauge(registry, "heartline.group.epoch", "group", "web"));
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }
}
