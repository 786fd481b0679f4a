package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import io.heartline.core.config.ControlConfig;
import io.heartline.core.config.FailbackConfig;
import io.heartline.core.config.FencingConfig;
import io.heartline.core.config.GarpConfig;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.JournalConfig;
import io.heartline.core.config.MetricsConfig;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.SerialConfig;
import io.heartline.core.config.TimingConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the decider reads of the config, in nanoseconds, and the derived values (pause, command deadline, fence backoff). */
class DeciderSettingsTest {
    private static final long MS = 1_000_000L;

    static HeartlineConfig config(String self, Duration deadtime, boolean failbackAuto, boolean fencing) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new HeartlineConfig(Path.of("heartline.conf"), "lvs", new NodeId(self),
                List.of(new NodeConfig(new NodeId("node-a"), lo, 100), new NodeConfig(new NodeId("node-b"), lo, 50)),
                new TimingConfig(Duration.ofMillis(200), deadtime, Duration.ofMillis(500), Duration.ofSeconds(2), 0),
                Path.of("authkey"),
                List.of(new MulticastConfig("lan", "eth0", InetAddress.getByName("239.192.76.1"), 7640, null),
                        new SerialConfig("serial", "/dev/ttyS0", 19200)),
                List.of(new GroupConfig("web", List.of(), List.of()), new GroupConfig("db", List.of(), List.of())),
                new FailbackConfig(failbackAuto ? FailbackConfig.Mode.AUTO : FailbackConfig.Mode.MANUAL, Duration.ofSeconds(3)),
                (GarpConfig) null, Path.of("control.sock"), Path.of("state"), List.of(),
                fencing ? new FencingConfig(true, Duration.ofSeconds(4), Duration.ofSeconds(20), List.of()) : FencingConfig.OFF,
                Path.of("resource.d"), Path.of("init.d"), MetricsConfig.OFF, JournalConfig.DEFAULT, ControlConfig.DEFAULT);
    }

    @Test
    void everyValueComesFromTheConfigInNanoseconds() throws Exception {
        DeciderSettings s = DeciderSettings.from(config("node-b", Duration.ofSeconds(1), true, true));
        assertEquals(new NodeId("node-b"), s.self());
        assertEquals(Map.of(new NodeId("node-a"), 100, new NodeId("node-b"), 50), s.priorities());
        assertEquals(List.of("web", "db"), s.groups());
        assertEquals(List.of("lan", "serial"), s.media());
        assertEquals(200 * MS, s.intervalNanos());
        assertEquals(1000 * MS, s.deadNanos());
        assertEquals(500 * MS, s.warnNanos());
        assertEquals(2000 * MS, s.initdeadNanos());
        assertTrue(s.failbackAuto());
        assertEquals(3000 * MS, s.failbackNanos());
        assertEquals(500 * MS, s.pauseNanos(), "a stall is half the deadtime");
        assertEquals(30_000 * MS, s.commandNanos(), "a failover may take 30 s at least");
        assertTrue(s.fencing());
        assertEquals(4000 * MS, s.fenceDelayNanos(), "node-b is not the preferred node: it waits");
        assertEquals(1000 * MS, s.fenceRetryNanos());
        assertEquals(30_000 * MS, s.fenceRetryMaxNanos());
        assertEquals(2, s.clusterSize());
        assertEquals(s, new Decider(s).settings());
    }

    @Test
    void theCommandDeadlineGrowsWithALongDeadtimeAndThePreferredNodeFencesAtOnce() throws Exception {
        DeciderSettings s = DeciderSettings.from(config("node-a", Duration.ofSeconds(2), false, true));
        assertEquals(40_000 * MS, s.commandNanos(), "20 deadtimes when that is longer than 30 s");
        assertEquals(1000 * MS, s.pauseNanos());
        assertEquals(0, s.fenceDelayNanos());
        assertFalse(s.failbackAuto());
        DeciderSettings off = DeciderSettings.from(config("node-a", Duration.ofSeconds(1), false, false));
        assertFalse(off.fencing());
    }

    @Test
    void fenceRetriesDoubleUpToTheMaximumAndNeverStop() throws Exception {
        DeciderSettings s = DeciderSettings.from(config("node-b", Duration.ofSeconds(1), false, true));
        assertEquals(1000 * MS, s.fenceRetry().delayNanos(1));
        assertEquals(2000 * MS, s.fenceRetry().delayNanos(2));
        assertEquals(16_000 * MS, s.fenceRetry().delayNanos(5));
        assertEquals(30_000 * MS, s.fenceRetry().delayNanos(6));
        assertEquals(30_000 * MS, s.fenceRetry().delayNanos(100));
        assertFalse(s.fenceRetry().exhausted(1000, Duration.ofDays(1)), "retried until an operator steps in");
    }

    @Test
    void preferenceIsPriorityThenTheSmallerName() throws Exception {
        DeciderSettings s = new DeciderSettings(new NodeId("b"), Map.of(new NodeId("a"), 10, new NodeId("b"), 10,
                new NodeId("c"), 50), List.of("web"), List.of("mc"), 1, 2, 1, 1, false, 0, 1, 1, false, 0, 1, 1);
        assertTrue(s.prefers("c", "a"), "higher priority");
        assertFalse(s.prefers("a", "c"));
        assertTrue(s.prefers("a", "b"), "same priority: the smaller name");
        assertFalse(s.prefers("b", "a"));
        assertFalse(s.prefers("a", "a"));
        assertEquals(50, s.priority("c"));
        assertEquals(-1, s.priority("z"), "not in the cluster");
        assertTrue(s.prefers("a", "z"), "any node over one that is not in the cluster");
        assertEquals(3, s.clusterSize());
    }
}
