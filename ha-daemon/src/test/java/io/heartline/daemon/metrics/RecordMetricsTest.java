package io.heartline.daemon.metrics;

import io.heartline.daemon.TestConfig;
import io.heartline.core.journal.RecordKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.ManualClock;
import io.heartline.membership.Action;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal records in, counters and the takeover histogram out, timed on a manual clock. */
class RecordMetricsTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RecordMetrics metrics;

    @BeforeEach
    void bind() throws Exception {
        metrics = new RecordMetrics(TestConfig.load(dir, ""), clock);
        metrics.bindTo(registry);
    }

    private void transition(String from, String to) {
        metrics.accept(new Action.Record(RecordKind.TRANSITION, "web", "test", Map.of("from", from, "to", to, "epoch", 4L,
                "owner", "node-a")));
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void everySeriesStartsAtZero() {
        assertEquals(0.0, count("heartline.takeovers", "group", "web", "outcome", "ok"));
        assertEquals(0.0, count("heartline.releases", "group", "web", "outcome", "failed"));
        assertEquals(0.0, count("heartline.fences", "peer", "node-b", "outcome", "ok"));
        assertEquals(0.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "deadtime"));
        assertEquals(0.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "port-closed"));
        assertEquals(0.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "no-kernel-answer"));
        assertEquals(0.0, count("heartline.peer.suspicions", "peer", "node-b"));
        assertEquals(0.0, count("heartline.peer.slow", "peer", "node-b"));
        assertEquals(0, registry.get("heartline.peer.slow.silence").tag("peer", "node-b").timer().count());
        assertEquals(0, registry.get("heartline.takeover.duration").timer().count());
    }

    @Test
    void aTakeoverIsCountedAndTimedFromTheClaimToActive() {
        transition("STANDBY", "STARTING");
        clock.advance(Duration.ofMillis(120));
        transition("STARTING", "ACTIVE");
        transition("ACTIVE", "RELEASING");
        transition("RELEASING", "STANDBY");
        transition("STANDBY", "STARTING");
        transition("STARTING", "RELEASING"); // the start failed
        transition("RELEASING", "FAULT");

        assertEquals(1.0, count("heartline.takeovers", "group", "web", "outcome", "ok"));
        assertEquals(1.0, count("heartline.takeovers", "group", "web", "outcome", "failed"));
        assertEquals(1.0, count("heartline.releases", "group", "web", "outcome", "ok"));
        assertEquals(1.0, count("heartline.releases", "group", "web", "outcome", "failed"));
        Timer t = registry.get("heartline.takeover.duration").tag("group", "web").timer();
        assertEquals(1, t.count());
        assertEquals(120.0, t.totalTime(TimeUnit.MILLISECONDS), 1e-6);
        CountAtBucket[] buckets = t.takeSnapshot().histogramCounts();
        assertEquals(1.0, Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.MILLISECONDS) == 250.0)
                .findFirst().orElseThrow().count());
        assertEquals(0.0, Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.MILLISECONDS) == 100.0)
                .findFirst().orElseThrow().count());
    }

    @Test
    void fencesDeathsAndLateBeaconsArePerPeer() {
        metrics.accept(new Action.Record(RecordKind.FENCE_OK, null, "fenced", Map.of("peer", "node-b", "attempt", 1)));
        metrics.accept(new Action.Record(RecordKind.FENCE_FAILED, null, "failed", Map.of("peer", "node-b", "attempt", 2)));
        metrics.accept(new Action.Record(RecordKind.FENCE_FAILED, null, "failed", Map.of("peer", "node-b", "attempt", 3)));
        metrics.accept(new Action.Record(RecordKind.PEER_DEAD, null, "silent", Map.of("peer", "node-b", "silent_ms", 1000L,
                "stage", "deadtime")));
        metrics.accept(new Action.Record(RecordKind.LATE_BEACON, null, "late", Map.of("peer", "node-b", "silent_ms", 500L)));
        metrics.accept(new Action.Record(RecordKind.LINK_UP, null, "ignored", Map.of("peer", "node-b")));

        assertEquals(1.0, count("heartline.fences", "peer", "node-b", "outcome", "ok"));
        assertEquals(2.0, count("heartline.fences", "peer", "node-b", "outcome", "failed"));
        assertEquals(1.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "deadtime"));
        assertEquals(1.0, count("heartline.beacons.late", "peer", "node-b"));
    }

    @Test
    void theDetectorsSuspicionsSlowPeersAndEarlyDeathsAreCountedByStage() {
        metrics.accept(new Action.Record(RecordKind.PEER_SUSPECT, null, "silent 30 ms: asking",
                Map.of("peer", "node-b", "silent_ms", 30L)));
        metrics.accept(new Action.Record(RecordKind.PEER_SUSPECT, null, "kernel answers, port open: slow",
                Map.of("peer", "node-b", "silent_ms", 36L, "verdict", "slow")));
        metrics.accept(new Action.Record(RecordKind.PEER_SLOW, null, "peer slow for 95 ms",
                Map.of("peer", "node-b", "silent_ms", 95L)));
        metrics.accept(new Action.Record(RecordKind.PEER_SUSPECT, null, "silent 30 ms: asking",
                Map.of("peer", "node-b", "silent_ms", 30L)));
        metrics.accept(new Action.Record(RecordKind.PEER_DEAD, null, "port closed", Map.of("peer", "node-b",
                "silent_ms", 31L, "stage", "port-closed")));
        metrics.accept(new Action.Record(RecordKind.PEER_DEAD, null, "no kernel", Map.of("peer", "node-b",
                "silent_ms", 36L, "stage", "no-kernel-answer")));

        assertEquals(2.0, count("heartline.peer.suspicions", "peer", "node-b"));
        assertEquals(1.0, count("heartline.peer.slow", "peer", "node-b"));
        Timer slow = registry.get("heartline.peer.slow.silence").tag("peer", "node-b").timer();
        assertEquals(1, slow.count());
        assertEquals(95.0, slow.totalTime(TimeUnit.MILLISECONDS), 1e-6);
        assertEquals(1.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "port-closed"));
        assertEquals(1.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "no-kernel-answer"));
        assertEquals(0.0, count("heartline.peer.deaths", "peer", "node-b", "stage", "deadtime"));
        assertEquals(3.0, count("heartline.journal.records", "kind", "peer-suspect"));
    }
}
