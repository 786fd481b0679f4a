package io.heartline.daemon.page;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code keep} journal events, newest last, kept up to date with {@code hactl events}'
 * cursor: the journal is read only when it has written something since the last read, and then
 * only past the cursor, {@value #PAGE} entries a page, at most {@value #PAGES_PER_REFRESH} pages a
 * refresh (a long journal is caught up over several). Each event keeps what the page shows: seq,
 * time, node, kind, group, the peer it is about (for peer and fence events) and its cause (cut at
 * {@value #MAX_CAUSE} characters). The status page's thread only.
 */
final class EventTail {
    static final int PAGE = 1000;
    static final int PAGES_PER_REFRESH = 10;
    static final int MAX_CAUSE = 1000;

    private final PageSources sources;
    private final int keep;
    private final ArrayDeque<Map<String, Object>> last = new ArrayDeque<>();
    private Long cursor;
    private long seenWritten = -1;
    private String error;

    EventTail(PageSources sources, int keep) {
        this.sources = sources;
        this.keep = keep;
    }

    /** Reads what the journal wrote since the last time, if anything. */
    void refresh() {
        long written = sources.journalWritten();
        if (written == seenWritten) {
            return;
        }
        for (int page = 0; page < PAGES_PER_REFRESH; page++) {
            Map<String, Object> answer;
            try {
                answer = sources.events(cursor, PAGE);
            } catch (RuntimeException e) {
                error = "cannot read the journal: " + e;
                return;
            }
            if (!Boolean.TRUE.equals(answer.get("ok"))) {
                error = String.valueOf(answer.get("error"));
                return;
            }
            List<?> events = answer.get("events") instanceof List<?> l ? l : List.of();
            for (Object e : events) {
                if (e instanceof Map<?, ?> m) {
                    add(m);
                }
            }
            if (answer.get("next") instanceof Number n) {
                cursor = n.longValue();
            }
            error = null;
            if (events.size() < PAGE) {
                seenWritten = written;
                return;
            }
        }
    }

    private void add(Map<?, ?> event) {
        Map<String, Object> e = new LinkedHashMap<>();
        for (String k : List.of("seq", "ts", "node", "kind", "group")) {
            e.put(k, event.get(k));
        }
        e.put("peer", event.get("details") instanceof Map<?, ?> d && d.get("peer") != null ? d.get("peer").toString() : null);
        Object cause = event.get("cause");
        String text = cause == null ? null : cause.toString();
        e.put("cause", text != null && text.length() > MAX_CAUSE ? text.substring(0, MAX_CAUSE) + "…" : text);
        last.addLast(e);
        while (last.size() > keep) {
            last.removeFirst();
        }
    }

    /** The events kept, oldest first. */
    List<Map<String, Object>> events() {
        return new ArrayList<>(last);
    }

    /** Why the last read failed, or null. */
    String error() {
        return error;
    }
}
