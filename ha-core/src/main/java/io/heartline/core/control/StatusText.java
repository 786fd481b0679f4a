package io.heartline.core.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a status answer as tables, in the manner of {@code crm_mon -1}: what {@code hactl status}
 * prints. In ha-core so that the daemon can render it too, for a status request with
 * {@code "format": "text"} (the launcher's fast path, which starts no JVM).
 */
public final class StatusText {
    private StatusText() {
    }

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Cluster %s, node %s, %s (up %s)%s%n", s.get("cluster"), s.get("node"), s.get("time"),
                duration(s.get("uptime_ms")), Boolean.TRUE.equals(s.get("shutting_down")) ? ", SHUTTING DOWN" : ""));
        if (s.get("mode") != null) {
            out.append("standby".equals(s.get("mode"))
                    ? "Mode: STANDBY (this node takes no groups until: hactl online)\n"
                    : "Mode: " + s.get("mode") + "\n");
        }
        if (Boolean.TRUE.equals(s.get("maintenance"))) {
            out.append("MAINTENANCE: not managing resources (no takeover, release, fencing or monitor;"
                    + " off with: hactl maintenance off)\n");
        }
        if (Boolean.TRUE.equals(s.get("degraded"))) {
            out.append("DEGRADED: a heartbeat medium is down; one more fault and the nodes cannot see each other\n");
        }
        Map<String, Object> localDown = (Map<String, Object>) s.getOrDefault("local_media_down", Map.of());
        localDown.forEach((medium, why) -> out.append(String.format("  our %s: %s%n", medium, why)));
        List<Object> apart = (List<Object>) s.getOrDefault("partitioned_from", List.of());
        if (!apart.isEmpty()) {
            out.append("PARTITION suspected: ").append(apart).append(" fell silent while our own media were down;")
                    .append(" they may be alive and own groups too\n");
        }

        Table nodes = new Table("NODE", "PRIORITY", "STATE", "LAST BEACON", "LINKS");
        for (Object o : (List<Object>) s.get("nodes")) {
            Map<String, Object> n = (Map<String, Object>) o;
            boolean self = Boolean.TRUE.equals(n.get("self"));
            String state = self ? "online (this node)" : Boolean.TRUE.equals(n.get("alive")) ? "online" + suspect(n) : "DEAD";
            nodes.row(n.get("name"), n.get("priority"), state, self ? "-" : age(n.get("last_beacon_ms")),
                    self ? "-" : links((List<Object>) n.get("links")));
        }
        out.append("\nNodes:\n").append(nodes);

        Table groups = new Table("GROUP", "STATE", "OWNER", "EPOCH", "SINCE", "PEERS", "VIPS");
        for (Object o : (List<Object>) s.get("groups")) {
            Map<String, Object> g = (Map<String, Object>) o;
            List<String> peers = new ArrayList<>();
            ((Map<String, Object>) g.get("peer_states")).forEach((k, v) -> peers.add(k + "=" + (v == null ? "?" : v)));
            groups.row(g.get("name"), g.get("state"), g.get("owner") == null ? "-" : g.get("owner"), g.get("epoch"),
                    duration(g.get("since_ms")), String.join(",", peers), String.join(", ", (List<String>) g.get("vips")));
        }
        out.append("\nGroups:\n").append(groups);
        Table resources = new Table("RESOURCE", "AGENT", "STATE", "FAILS", "LAST MONITOR", "LAST FAILURE");
        boolean anyResource = false;
        for (Object o : (List<Object>) s.get("groups")) {
            Map<String, Object> g = (Map<String, Object>) o;
            for (Object r : (List<Object>) g.getOrDefault("resources", List.of())) {
                Map<String, Object> res = (Map<String, Object>) r;
                anyResource = true;
                resources.row(g.get("name") + "/" + res.get("name"), res.get("agent"), res.get("state"), res.get("fail_count"),
                        res.get("last_monitor") == null ? "-" : res.get("last_monitor"),
                        res.get("last_failure") == null ? "-" : res.get("last_failure"));
            }
        }
        if (anyResource) {
            out.append("\nResources:\n").append(resources);
        }
        out.append(realServers((List<Object>) s.get("groups")));

        Table media = new Table("MEDIUM", "SENT", "RECEIVED", "REJECTED", "SEND ERRORS", "MEMBERS");
        for (Object o : (List<Object>) s.get("media")) {
            Map<String, Object> m = (Map<String, Object>) o;
            Map<String, Object> reasons = (Map<String, Object>) m.get("rejected_by_reason");
            String rejected = m.get("rejected") + (reasons.isEmpty() ? "" : " " + reasons.toString().replace('=', ':'));
            media.row(m.get("name"), m.get("sent"), m.get("received"), rejected, m.get("send_errors"),
                    String.join(",", (List<String>) m.get("members")));
        }
        out.append("\nMedia:\n").append(media);

        Map<String, Object> fencing = (Map<String, Object>) s.get("fencing");
        if (fencing != null) {
            out.append("\nFencing: ").append(Boolean.TRUE.equals(fencing.get("enabled")) ? "on" : "OFF (a partition can end with two owners)")
                    .append('\n');
            ((Map<String, Object>) fencing.getOrDefault("peers", Map.of())).forEach((node, st) -> {
                Map<String, Object> p = (Map<String, Object>) st;
                out.append(String.format("  %s: %s (attempt %s) %s%n", node, p.get("phase"), p.get("attempts"),
                        "FAILED".equals(p.get("phase")) ? "fence failed: " + p.get("detail") : ""));
            });
            for (Object w : (List<Object>) fencing.getOrDefault("waiting_for_ack", List.of())) {
                Map<String, Object> r = (Map<String, Object>) w;
                out.append("  WAITING: switch ").append(r.get("node")).append(" off, then: hactl fence-ack ")
                        .append(r.get("node")).append(" --yes-i-checked ").append(r.get("node")).append('\n');
            }
            List<Object> history = (List<Object>) fencing.getOrDefault("history", List.of());
            for (Object h : history.subList(Math.max(0, history.size() - 5), history.size())) {
                Map<String, Object> r = (Map<String, Object>) h;
                out.append(String.format("  %s %s %s by %s: %s (%s ms) %s%n", r.get("time"), r.get("action"), r.get("node"),
                        r.get("agent"), r.get("outcome"), r.get("took_ms"), r.get("detail")));
            }
        }

        tiebreaks(s, out);

        List<Object> alerts = (List<Object>) s.getOrDefault("alerts", List.of());
        if (!alerts.isEmpty()) {
            Table t = new Table("CHANNEL", "DELIVERED", "QUEUED", "RETRYING", "HELD", "GAVE UP", "LAST");
            for (Object o : alerts) {
                Map<String, Object> a = (Map<String, Object>) o;
                String last = a.get("last_outcome") == null ? "-" : a.get("last_outcome") + " at " + a.get("last_attempt");
                t.row(a.get("channel"), a.get("delivered"), a.get("queued"), a.get("retries_pending"), a.get("held"),
                        a.get("gave_up"), last);
            }
            out.append("\nAlerts:\n").append(t);
        }
        return out.toString();
    }

    /** The witness's session and locks, and the ping nodes' answers; nothing for one not configured. */
    @SuppressWarnings("unchecked")
    private static void tiebreaks(Map<String, Object> s, StringBuilder out) {
        Map<String, Object> witness = (Map<String, Object>) s.getOrDefault("witness", Map.of());
        if (Boolean.TRUE.equals(witness.get("enabled"))) {
            Map<String, Object> held = (Map<String, Object>) witness.getOrDefault("held", Map.of());
            out.append("\nWitness: ").append(String.valueOf(witness.get("state")).toUpperCase(java.util.Locale.ROOT))
                    .append(" for ").append(duration(witness.get("since_ms"))).append(", ZooKeeper ")
                    .append(witness.get("zookeeper")).append(' ').append(witness.get("path"))
                    .append(", sessions lost ").append(witness.get("sessions_lost")).append('\n');
            out.append("  locks held: ").append(held.isEmpty() ? "none" : String.join(", ", held.entrySet().stream()
                    .map(e -> e.getKey() + " (epoch " + e.getValue() + ")").toList())).append('\n');
        }
        Map<String, Object> ping = (Map<String, Object>) s.getOrDefault("ping", Map.of());
        if (Boolean.TRUE.equals(ping.get("enabled"))) {
            out.append("\nPing nodes: ").append(Boolean.TRUE.equals(ping.get("reachable")) ? "reachable"
                    : "NONE REACHABLE (this node claims nothing and releases what it holds)")
                    .append(", every ").append(ping.get("interval_ms")).append(" ms\n");
            Table t = new Table("PING NODE", "REACHABLE", "RTT", "LAST ANSWER");
            for (Object o : (List<Object>) ping.getOrDefault("nodes", List.of())) {
                Map<String, Object> n = (Map<String, Object>) o;
                String last = n.get("last_answer_ms") == null ? "never" : n.get("last_answer_ms") + "ms ago";
                if (n.get("send_error") != null) {
                    last += " (send: " + n.get("send_error") + ")";
                }
                t.row(n.get("address"), Boolean.TRUE.equals(n.get("reachable")) ? "yes" : "NO",
                        n.get("rtt_ms") == null ? "-" : n.get("rtt_ms") + "ms", last);
            }
            out.append(t);
        }
    }

    /** The LVS directors' real servers (resources with {@code real_servers}), or nothing. */
    @SuppressWarnings("unchecked")
    private static String realServers(List<Object> groups) {
        Table t = new Table("RESOURCE", "VIRTUAL SERVICE", "REAL SERVER", "STATE", "WEIGHT", "CHECK", "LAST CHECK");
        boolean any = false;
        for (Object o : groups) {
            Map<String, Object> g = (Map<String, Object>) o;
            for (Object r : (List<Object>) g.getOrDefault("resources", List.of())) {
                Map<String, Object> res = (Map<String, Object>) r;
                for (Object rs : (List<Object>) res.getOrDefault("real_servers", List.of())) {
                    Map<String, Object> v = (Map<String, Object>) rs;
                    any = true;
                    boolean sorry = Boolean.TRUE.equals(v.get("sorry"));
                    Object inARow = v.get("in_a_row");
                    String state = sorry ? "sorry " + v.get("state") : v.get("state")
                            + (inARow instanceof Number n && n.intValue() > 0 ? " (" + n + (("UP".equals(v.get("state")))
                            ? " failed)" : " passed)") : "");
                    String weight = (v.get("weight") == null ? "-" : v.get("weight").toString()) + "/" + v.get("configured_weight");
                    t.row(g.get("name") + "/" + res.get("name"), v.get("service"), v.get("server"), state, weight,
                            v.get("check") == null ? "-" : v.get("check"), v.get("last_result") == null ? "-" : v.get("last_result"));
                }
            }
        }
        return any ? "\nReal servers:\n" + t : "";
    }

    @SuppressWarnings("unchecked")
    private static String links(List<Object> links) {
        List<String> out = new ArrayList<>();
        for (Object o : links) {
            Map<String, Object> l = (Map<String, Object>) o;
            StringBuilder sb = new StringBuilder().append(l.get("medium")).append(':')
                    .append(Boolean.TRUE.equals(l.get("up")) ? "up" : "DOWN");
            if (l.get("last_beacon_ms") != null) {
                sb.append('(').append(l.get("last_beacon_ms")).append("ms");
                if (l.get("loss_percent") != null) {
                    sb.append(',').append(l.get("loss_percent")).append("% loss");
                }
                sb.append(')');
            }
            out.add(sb.toString());
        }
        return String.join(" ", out);
    }

    /**
     * The two-stage detector's word on a live peer: {@code , SUSPECT} while it is silent and being
     * probed, {@code , SLOW} once its kernel answered with its daemon silent (alive until deadtime).
     */
    @SuppressWarnings("unchecked")
    private static String suspect(Map<String, Object> node) {
        if (!(node.get("suspect") instanceof Map<?, ?> s)) {
            return "";
        }
        return "slow".equals(((Map<String, Object>) s).get("verdict")) ? ", SLOW" : ", SUSPECT";
    }

    private static String age(Object ms) {
        return ms == null ? "never" : ms + " ms ago";
    }

    static String duration(Object msObj) {
        if (!(msObj instanceof Number n)) {
            return "-";
        }
        long s = n.longValue() / 1000;
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }

    /** A plain left-aligned text table. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = String.valueOf(cells[i]);
            }
            rows.add(r);
        }

        @Override
        public String toString() {
            int[] w = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < r.length; i++) {
                    line.append(String.format("%-" + (w[i] + 2) + "s", r[i]));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            return sb.toString();
        }
    }
}
