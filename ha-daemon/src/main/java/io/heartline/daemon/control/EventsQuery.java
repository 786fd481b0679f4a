package io.heartline.daemon.control;

import io.heartline.core.journal.JournalPage;
import io.heartline.core.journal.JournalReader;
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
 * {@code hactl events}: the journal after the cursor {@code after} (the highest {@code seq} already
 * seen) and from {@code since}, at most {@code limit}; {@code next} is the cursor for the following
 * call (the highest {@code seq} returned, or {@code after} again when nothing is new).
 */
public final class EventsQuery {
    private EventsQuery() {
    }

    /** The answer to {@code req} from {@code source}; reads the journal on this thread. */
    public static Map<String, Object> answer(EventSource source, Request.Events req) {
        JournalPage page;
        try {
            page = source.read(req.after() == null ? JournalReader.FROM_START : req.after(), req.since(), req.limit());
        } catch (IOException e) {
            return Answers.error("cannot read the journal: " + e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : page.entries()) {
            out.add(event(e));
        }
        Map<String, Object> m = Answers.ok();
        m.put("events", out);
        m.put("next", Math.max(0, page.next()));
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
        e.put("seq", line.get("seq"));
        e.put("ts", ts == null ? line.get("time") : ts.toString());
        e.put("node", line.get("node"));
        e.put("kind", line.get("kind"));
        e.put("group", line.get("group"));
        e.put("cause", line.get("cause"));
        Map<String, Object> details = new LinkedHashMap<>(line);
        List.of("seq", "time", "node", "kind", "group", "cause").forEach(details::remove);
        e.put("details", details);
        return e;
    }
}
