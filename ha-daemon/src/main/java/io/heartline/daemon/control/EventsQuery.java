package io.heartline.daemon.control;

import io.heartline.core.control.Answers;
import io.heartline.core.control.Request;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hactl events}: the journal from the cursor {@code after} (entries already seen) or from
 * {@code since}, at most {@code limit}; {@code next} is the cursor for the following call.
 */
final class EventsQuery {
    private EventsQuery() {
    }

    static Map<String, Object> answer(EventSource source, Request.Events req) {
        List<Map<String, Object>> all;
        try {
            all = source.entries();
        } catch (IOException e) {
            return Answers.error("cannot read the journal: " + e.getMessage());
        }
        int start = req.after() == null ? 0 : (int) Math.min(all.size(), req.after());
        List<Map<String, Object>> out = new ArrayList<>();
        int next = start;
        for (int i = start; i < all.size() && out.size() < req.limit(); i++) {
            next = i + 1;
            Map<String, Object> e = all.get(i);
            Instant ts = time(e);
            if (req.since() == null || ts == null || !ts.isBefore(req.since())) {
                out.add(event(e));
            }
        }
        Map<String, Object> m = Answers.ok();
        m.put("events", out);
        m.put("next", next);
        return m;
    }

    private static Instant time(Map<String, Object> line) {
        try {
            return Instant.parse(String.valueOf(line.get("time")));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A journal line as an event: ts, node, kind, group, cause, and the rest as details. */
    private static Map<String, Object> event(Map<String, Object> line) {
        Map<String, Object> e = new LinkedHashMap<>();
        Instant ts = time(line);
        e.put("ts", ts == null ? line.get("time") : ts.toString());
        e.put("node", line.get("node"));
        e.put("kind", line.get("kind"));
        e.put("group", line.get("group"));
        e.put("cause", line.get("cause"));
        Map<String, Object> details = new LinkedHashMap<>(line);
        List.of("time", "node", "kind", "group", "cause").forEach(details::remove);
        e.put("details", details);
        return e;
    }
}
