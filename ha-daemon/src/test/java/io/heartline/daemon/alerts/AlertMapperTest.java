package io.heartline.daemon.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.membership.Action;
import io.heartline.notify.Alert;
import io.heartline.notify.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertMapperTest {
    static final Instant T = Instant.parse("2026-11-21T21:05:11Z");

    Optional<Alert> map(String kind, String group, String cause, Map<String, Object> fields, String claimCause) {
        return AlertMapper.map(new Action.Record(io.heartline.core.journal.RecordKind.fromWireName(kind).orElseThrow(), group, cause, fields), "node-b", T, claimCause);
    }

    @Test
    void anUnplannedTakeoverIsCriticalAndCarriesTheClaimsCause() {
        Alert a = map("transition", "web", "resources started", Map.of("from", "STARTING", "to", "ACTIVE", "epoch", 2L),
                "owner node-a is dead").orElseThrow();
        assertEquals("takeover", a.kind());
        assertEquals(Severity.CRITICAL, a.severity());
        assertEquals("owner node-a is dead", a.cause());
        assertTrue(a.what().contains("takeover of web (epoch 2)"));
    }

    @Test
    void aPlannedHandoverIsAWarning() {
        Alert a = map("transition", "web", "resources started", Map.of("from", "STARTING", "to", "ACTIVE", "epoch", 3L),
                "handed over by node-a (epoch 3)").orElseThrow();
        assertEquals(Severity.WARNING, a.severity());
    }

    @Test
    void theFirstClaimOfAGroupNobodyOwnedIsOnlyInformation() {
        Alert a = map("transition", "web", "resources started", Map.of("from", "STARTING", "to", "ACTIVE", "epoch", 1L),
                "no owner").orElseThrow();
        assertEquals(Severity.INFO, a.severity());
    }

    @Test
    void aDeathTheDetectorConfirmedIsAlertedAsAnyDeath() {
        Alert a = map("peer-dead", null, "its daemon is gone: the probe port is closed", Map.of("peer", "node-a",
                "silent_ms", 31L, "stage", "port-closed"), null).orElseThrow();
        assertEquals("peer-dead", a.kind());
        assertEquals(Severity.CRITICAL, a.severity());
        assertTrue(a.cause().contains("probe port is closed"), a.cause());
    }

    @Test
    void linksPartitionsFencesAndFaults() {
        assertEquals("link-degraded", map("link-down", null, "x", Map.of("peer", "node-a", "medium", "serial"), null).orElseThrow().kind());
        assertEquals("link-restored", map("medium-up", null, "x", Map.of("medium", "serial"), null).orElseThrow().kind());
        assertEquals(Severity.CRITICAL, map("partition", null, "x", Map.of("peer", "node-a"), null).orElseThrow().severity());
        assertEquals("fence-failed", map("fence-failed", null, "x", Map.of("peer", "node-a"), null).orElseThrow().kind());
        assertEquals("group-failed", map("transition", "web", "stop failed", Map.of("from", "RELEASING", "to", "FAULT"), null)
                .orElseThrow().kind());
        assertEquals("release", map("transition", "web", "x", Map.of("from", "RELEASING", "to", "STANDBY"), null).orElseThrow().kind());
    }

    @Test
    void quietRecordsMakeNoAlert() {
        assertTrue(map("late-beacon", null, "x", Map.of("peer", "node-a"), null).isEmpty());
        assertTrue(map("peer-suspect", null, "x", Map.of("peer", "node-a", "silent_ms", 30L), null).isEmpty(),
                "stage 1 of the detector: a suspect is no news");
        assertTrue(map("peer-slow", null, "x", Map.of("peer", "node-a", "silent_ms", 95L), null).isEmpty(),
                "a slow peer that came back: journaled and counted, like a late beacon");
        assertTrue(map("transition", "web", "x", Map.of("from", "INIT", "to", "STANDBY"), null).isEmpty());
    }
}
