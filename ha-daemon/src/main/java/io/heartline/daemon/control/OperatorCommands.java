package io.heartline.daemon.control;

import io.heartline.daemon.loop.EventLoop;
import io.heartline.daemon.reload.Reloader;
import io.heartline.core.GroupState;
import io.heartline.core.journal.Journal;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's commands beyond status and failover: standby / online, maintenance on|off,
 * reload, events (the journal, with the cause of every transition) and version.
 */
final class OperatorCommands {
    static final String COMMANDS = "standby, online, maintenance, reload, events, version";
    private static final int MAX_EVENTS = 10_000;

    private final ControlHandler control;
    private final EventLoop loop;
    private final Journal journal;
    private final Reloader reloader;
    private final Instant started;
    private final long commandMs;

    OperatorCommands(ControlHandler control, EventLoop loop, Journal journal, Reloader reloader, Instant started,
                     long commandMs) {
        this.control = control;
        this.loop = loop;
        this.journal = journal;
        this.reloader = reloader;
        this.started = started;
        this.commandMs = commandMs;
    }

    /** The answer, or null when {@code cmd} is not one of these. */
    Map<String, Object> handle(String cmd, Map<String, Object> request) {
        return switch (cmd) {
            case "standby" -> standby(true);
            case "online" -> standby(false);
            case "maintenance" -> maintenance(request);
            case "reload" -> reload();
            case "events" -> events(request);
            case "version" -> version();
            default -> null;
        };
    }

    /** Answered once no group is held here any more (standby) or at once (online). */
    private Map<String, Object> standby(boolean on) {
        try {
            Action.Reply r = control.ask(id -> at -> new Event.Standby(at, id, on), commandMs, on ? "standby" : "online");
            if (r.ok() && on) {
                ControlHandler.await(loop.awaitState(s -> s.groups().values().stream()
                        .noneMatch(g -> g.state().holds() || g.state() == GroupState.STANDBY)), commandMs,
                        "handing the groups over");
            }
            return ControlHandler.answer(r.ok(), r.message());
        } catch (ControlHandler.Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }

    private Map<String, Object> maintenance(Map<String, Object> request) {
        if (!(request.get("on") instanceof Boolean on)) {
            return ControlServer.error("'on' must be true or false");
        }
        try {
            Action.Reply r = control.ask(id -> at -> new Event.Maintenance(at, id, on), commandMs, "maintenance");
            return ControlHandler.answer(r.ok(), r.message());
        } catch (ControlHandler.Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }

    private Map<String, Object> reload() {
        Reloader.Result r = reloader.reload();
        Map<String, Object> m = ControlHandler.answer(r.ok(), r.message());
        m.put("changes", r.changes());
        if (!r.problems().isEmpty()) {
            m.put("problems", r.problems());
        }
        m.put("invalid", r.invalid());
        return m;
    }

    /**
     * The journal from the cursor {@code after} (entries already seen) or from {@code since} (an
     * ISO instant), at most {@code limit}; {@code next} is the cursor for the following call.
     */
    private Map<String, Object> events(Map<String, Object> request) {
        Object after = request.get("after");
        Object since = request.get("since");
        Object limit = request.getOrDefault("limit", 1000);
        if (after != null && !(after instanceof Number n && n.longValue() >= 0)) {
            return ControlServer.error("'after' must be a cursor (a number >= 0 from 'next')");
        }
        if (!(limit instanceof Number l && l.intValue() > 0 && l.intValue() <= MAX_EVENTS)) {
            return ControlServer.error("'limit' must be a number from 1 to " + MAX_EVENTS);
        }
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since.toString());
        } catch (DateTimeParseException e) {
            return ControlServer.error("'since' must be an ISO-8601 instant such as 2026-11-21T22:00:00Z, got " + since);
        }
        List<Map<String, Object>> all;
        try {
            all = journal.entries();
        } catch (IOException e) {
            return ControlServer.error("cannot read the journal " + journal.file() + ": " + e.getMessage());
        }
        int start = after == null ? 0 : (int) Math.min(all.size(), ((Number) after).longValue());
        List<Map<String, Object>> out = new ArrayList<>();
        int next = start;
        for (int i = start; i < all.size() && out.size() < ((Number) limit).intValue(); i++) {
            next = i + 1;
            Map<String, Object> e = all.get(i);
            Instant ts = Instant.parse(String.valueOf(e.get("time")));
            if (from == null || !ts.isBefore(from)) {
                out.add(event(ts, e));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("events", out);
        m.put("next", next);
        return m;
    }

    /** A journal line as an event: ts, node, kind, group, cause, and the rest as details. */
    private static Map<String, Object> event(Instant ts, Map<String, Object> line) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ts", ts.toString());
        e.put("node", line.get("node"));
        e.put("kind", line.get("kind"));
        e.put("group", line.get("group"));
        e.put("cause", line.get("cause"));
        Map<String, Object> details = new LinkedHashMap<>(line);
        List.of("time", "node", "kind", "group", "cause").forEach(details::remove);
        e.put("details", details);
        return e;
    }

    private Map<String, Object> version() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("version", io.heartline.core.Version.current());
        m.put("node", reloader.current().self().name());
        m.put("started", started.toString());
        m.put("pid", ProcessHandle.current().pid());
        return m;
    }
}
