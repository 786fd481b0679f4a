package io.heartline.core.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nodes table says which live peer the two-stage detector suspects, and which it found slow. */
class StatusTextTest {
    static Map<String, Object> peer(String name, boolean alive, Map<String, Object> suspect) {
        Map<String, Object> n = new HashMap<>();
        n.put("name", name);
        n.put("priority", 50);
        n.put("self", false);
        n.put("alive", alive);
        n.put("last_beacon_ms", 40);
        n.put("suspect", suspect);
        n.put("links", List.of());
        return n;
    }

    @Test
    void aSuspectPeerAndASlowOneAreShownAsSuchADeadOneAsDead() {
        Map<String, Object> self = Map.of("name", "node-a", "priority", 100, "self", true);
        Map<String, Object> status = Map.of("cluster", "lab", "node", "node-a", "time", "2026-12-07T06:00:00Z",
                "uptime_ms", 60_000, "nodes", List.of(self,
                        peer("node-b", true, Map.of("verdict", "probing", "since_ms", 3, "probes_answered", 0)),
                        peer("node-c", true, Map.of("verdict", "slow", "since_ms", 60, "probes_answered", 2)),
                        peer("node-d", true, null),
                        peer("node-e", false, null)),
                "groups", List.of(), "media", List.of());
        String text = StatusText.render(status);
        assertTrue(text.contains("node-b  50        online, SUSPECT"), text);
        assertTrue(text.contains("node-c  50        online, SLOW"), text);
        assertTrue(text.contains("node-d  50        online "), text);
        assertTrue(text.contains("node-e  50        DEAD"), text);
    }
}
