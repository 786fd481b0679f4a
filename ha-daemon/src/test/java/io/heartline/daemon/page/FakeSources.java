package io.heartline.daemon.page;

import io.heartline.core.control.Answers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The control room's answers as the page sees them, made up: a status answer (or a future that
 * fails or never completes), a journal of events paged like {@code hactl events}, and the
 * journal's written count.
 */
final class FakeSources implements PageSources {
    volatile Supplier<CompletableFuture<Map<String, Object>>> status = () -> CompletableFuture.completedFuture(
            Answers.result(status("node-a", "node-a", 3)));
    final List<Map<String, Object>> journal = new CopyOnWriteArrayList<>();
    /** The cursors the page asked events after, in order. */
    final List<Long> eventCalls = new CopyOnWriteArrayList<>();
    volatile String eventsError;
    volatile int statusCalls;

    /** A status result as {@code hactl status} gives it, trimmed to what the page reads. */
    static Map<String, Object> status(String self, String owner, long epoch) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "web");
        group.put("state", self.equals(owner) ? "ACTIVE" : "STANDBY");
        group.put("owner", owner);
        group.put("epoch", epoch);
        group.put("since_ms", 1200);
        group.put("vips", List.of("10.77.0.10/24 on eth0"));
        group.put("peer_states", Map.of("node-b", "STANDBY"));
        group.put("resources", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", "lab");
        m.put("node", self);
        m.put("mode", "online");
        m.put("nodes", List.of(Map.of("name", "node-a", "priority", 100, "self", true, "alive", true)));
        m.put("groups", List.of(group));
        m.put("fencing", Map.of("enabled", false, "peers", Map.of()));
        m.put("alerts", List.of());
        return m;
    }

    /** Appends {@code n} events to the journal (seq continues). */
    void write(int n) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = journal.size() + batch.size() + 1;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seq", seq);
            e.put("ts", "2026-12-06T23:00:00Z");
            e.put("node", "node-a");
            e.put("kind", "transition");
            e.put("group", "web");
            e.put("cause", "cause " + seq);
            e.put("details", Map.of("from", "STANDBY", "to", "ACTIVE"));
            batch.add(e);
        }
        journal.addAll(batch);
    }

    @Override
    public CompletableFuture<Map<String, Object>> status() {
        statusCalls++;
        return status.get();
    }

    @Override
    public Map<String, Object> events(Long after, int limit) {
        eventCalls.add(after);
        if (eventsError != null) {
            return Answers.error(eventsError);
        }
        long from = after == null ? 0 : after;
        List<Map<String, Object>> page = new ArrayList<>();
        for (Map<String, Object> e : journal) {
            if ((long) e.get("seq") > from && page.size() < limit) {
                page.add(e);
            }
        }
        Map<String, Object> m = Answers.ok();
        m.put("events", page);
        m.put("next", page.isEmpty() ? from : page.get(page.size() - 1).get("seq"));
        return m;
    }

    @Override
    public long journalWritten() {
        return journal.size();
    }
}
