package io.heartline.core.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the event journal: when, on which node, what kind of event, for which group (or
 * none), why ({@code cause}), and any details ({@code fields}: from/to state, epoch, peer, ...).
 */
public record JournalEntry(Instant time, String node, String kind, String group, String cause, Map<String, Object> fields) {
    public JournalEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The entry as an ordered map, the shape written as JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time.toString());
        m.put("node", node);
        m.put("kind", kind);
        if (group != null) {
            m.put("group", group);
        }
        m.putAll(fields);
        if (cause != null) {
            m.put("cause", cause);
        }
        return m;
    }
}
