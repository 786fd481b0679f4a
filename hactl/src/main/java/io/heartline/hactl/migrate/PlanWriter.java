package io.heartline.hactl.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ClusterPlan} as heartline.conf: HOCON in the layout of the shipped example, every
 * string quoted (so nothing from the source can break out of its value), with comments saying
 * where each part came from.
 */
public final class PlanWriter {
    private final StringBuilder out = new StringBuilder();

    private PlanWriter() {
    }

    public static String write(ClusterPlan p) {
        return new PlanWriter().plan(p).out.toString();
    }

    private PlanWriter plan(ClusterPlan p) {
        line(0, "# heartline.conf written by `" + p.tool + "` from " + comment(p.source) + ".");
        line(0, "# The same file serves every node: only `node` differs (or set HEARTLINE_NODE and uncomment");
        line(0, "# the line after it). Check it with: hactl config check FILE");
        line(0, "# What could not be mapped is in the import's report, not in this file.");
        line(0, "heartline {");
        line(1, "cluster = " + q(p.cluster));
        line(1, "node = " + q(p.self));
        line(1, "# node = ${?HEARTLINE_NODE}");
        line(1, "nodes = [");
        for (ClusterPlan.Node n : p.nodes) {
            line(2, "{ name = " + q(n.name()) + ", address = " + q(n.address()) + ", priority = " + n.priority() + " }");
        }
        line(1, "]");
        if (p.timing != null) {
            line(1, "timing { interval = " + d(p.timing.interval()) + ", deadtime = " + d(p.timing.deadtime()) + ", warntime = "
                    + d(p.timing.warntime()) + ", initdead = " + d(p.timing.initdead()) + " }");
        }
        line(1, "auth-key-file = " + q(p.authKeyFile.toString()));
        line(1, "media = [");
        for (ClusterPlan.Medium m : p.media) {
            comments(2, m.comment());
            line(2, "{ " + object(m.type(), m.name(), m.fields()) + " }");
        }
        line(1, "]");
        line(1, "groups = [");
        for (ClusterPlan.Group g : p.groups) {
            group(g);
        }
        line(1, "]");
        if (p.resourceDir != null) {
            line(1, "resource-dir = " + q(p.resourceDir.toString()));
        }
        if (p.initDir != null) {
            line(1, "init-dir = " + q(p.initDir.toString()));
        }
        line(1, "# The source had no fencing: a cut heartbeat link can leave two nodes owning a group.");
        line(1, "# Configure fence devices (docs/configuration.md, Fencing) and remove this line.");
        line(1, "fencing = off");
        if (p.failback != null) {
            line(1, "failback = " + q(p.failback));
        }
        if (p.failbackDelay != null) {
            line(1, "failback-delay = " + d(p.failbackDelay));
        }
        if (p.garpCount != null || p.garpRepeatAfter != null) {
            StringBuilder g = new StringBuilder("garp { ");
            if (p.garpCount != null) {
                g.append("count = ").append(p.garpCount).append(p.garpRepeatAfter != null ? ", " : "");
            }
            if (p.garpRepeatAfter != null) {
                g.append("repeat-after = ").append(d(p.garpRepeatAfter));
            }
            line(1, g.append(" }").toString());
        }
        if (!p.channels.isEmpty()) {
            line(1, "alerts.channels = [");
            for (ClusterPlan.Channel c : p.channels) {
                comments(2, c.comment());
                line(2, "{ " + object(c.type(), c.name(), c.fields()) + " }");
            }
            line(1, "]");
        }
        line(0, "}");
        if (!p.ipvsRules.isEmpty()) {
            line(0, "");
            line(0, "# The IPVS rules the lvs-director resource loads from " + p.ipvsRulesFile + " (ipvsadm-save -n form):");
            for (String rule : p.ipvsRules) {
                line(0, "#   " + comment(rule));
            }
        }
        if (!p.commentedVirtualServices.isEmpty()) {
            line(0, "");
            line(0, "# The real-server checks of the lvs-director resource. config check reads the rules file they");
            line(0, "# name, so they wait here: write the rules above to " + comment(p.ipvsRulesFile.toString()) + ", then move");
            line(0, "# these lines into the resource (or import again with --ipvs-rules FILE).");
            PlanWriter checks = new PlanWriter();
            checks.items(0, "virtual-services", p.commentedVirtualServices, "");
            checks.out.toString().lines().forEach(l -> line(0, "#   " + comment(l)));
        }
        if (!p.trailer.isEmpty()) {
            line(0, "");
            for (String t : p.trailer) {
                line(0, "# " + comment(t));
            }
        }
        return this;
    }

    private void group(ClusterPlan.Group g) {
        comments(2, g.comment);
        line(2, "{ name = " + q(g.name));
        if (!g.vips.isEmpty()) {
            line(3, "vips = [");
            for (ClusterPlan.Vip v : g.vips) {
                line(4, "{ address = " + q(v.address()) + ", interface = " + q(v.iface()) + " }"
                        + (v.comment() == null ? "" : "   # " + comment(v.comment())));
            }
            line(3, "]");
        }
        if (!g.resources.isEmpty()) {
            line(3, "resources = [");
            for (ClusterPlan.Resource r : g.resources) {
                comments(4, r.comment());
                StringBuilder b = new StringBuilder("{ name = ").append(q(r.name())).append(", type = ").append(q(r.type()));
                if (!r.params().isEmpty()) {
                    b.append(", params { ");
                    boolean first = true;
                    for (var e : r.params().entrySet()) {
                        b.append(first ? "" : ", ").append(q(e.getKey())).append(" = ").append(q(e.getValue()));
                        first = false;
                    }
                    b.append(" }");
                }
                List<Map.Entry<String, Object>> lists = new java.util.ArrayList<>();
                for (var e : r.policy().entrySet()) {
                    if (items(e.getValue()) != null) {
                        lists.add(e);
                    } else {
                        b.append(", ").append(e.getKey()).append(" = ").append(value(e.getValue()));
                    }
                }
                if (lists.isEmpty()) {
                    line(4, b.append(" }").toString());
                } else {
                    line(4, b.toString());
                    for (int i = 0; i < lists.size(); i++) {
                        items(5, lists.get(i).getKey(), items(lists.get(i).getValue()), i == lists.size() - 1 ? " }" : "");
                    }
                }
            }
            line(3, "]");
        }
        line(2, "}");
    }

    /**
     * {@code key = [}, each item, {@code ]} and {@code after}. An item's plain values go on its first
     * line, its objects and lists on lines of their own; the items of a list inside an item are one
     * line each.
     */
    private void items(int depth, String key, List<ClusterPlan.Item> items, String after) {
        line(depth, key + " = [");
        for (ClusterPlan.Item item : items) {
            comments(depth + 1, item.comment());
            StringBuilder first = new StringBuilder("{ ");
            List<Map.Entry<String, Object>> nested = new java.util.ArrayList<>();
            for (var e : item.fields().entrySet()) {
                if (e.getValue() instanceof Map<?, ?> || items(e.getValue()) != null) {
                    nested.add(e);
                } else {
                    first.append(first.length() > 2 ? ", " : "").append(field(e.getKey(), e.getValue()));
                }
            }
            if (nested.isEmpty()) {
                line(depth + 1, first.append(" }").toString());
                continue;
            }
            line(depth + 1, first.toString());
            for (int i = 0; i < nested.size(); i++) {
                String end = i == nested.size() - 1 ? " }" : "";
                var e = nested.get(i);
                List<ClusterPlan.Item> inner = items(e.getValue());
                if (inner == null) {
                    line(depth + 2, field(e.getKey(), e.getValue()) + end);
                } else {
                    line(depth + 2, e.getKey() + " = [");
                    for (ClusterPlan.Item in : inner) {
                        comments(depth + 3, in.comment());
                        line(depth + 3, value(in.fields()));
                    }
                    line(depth + 2, "]" + end);
                }
            }
        }
        line(depth, "]" + after);
    }

    /** {@code value} as a list of items, or null when it is not one. */
    private static List<ClusterPlan.Item> items(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(o -> o instanceof ClusterPlan.Item)) {
            return list.stream().map(o -> (ClusterPlan.Item) o).toList();
        }
        return null;
    }

    /** {@code key = value}, or {@code key { … }} for an object. */
    private static String field(String key, Object value) {
        return key + (value instanceof Map<?, ?> ? " " : " = ") + value(value);
    }

    /** {@code type = "x", name = "y", k = v, …} */
    private static String object(String type, String name, Map<String, Object> fields) {
        StringBuilder b = new StringBuilder("type = ").append(q(type));
        if (name != null) {
            b.append(", name = ").append(q(name));
        }
        for (var e : fields.entrySet()) {
            b.append(", ").append(e.getKey()).append(" = ").append(value(e.getValue()));
        }
        return b.toString();
    }

    private static String value(Object v) {
        if (v instanceof Duration d) {
            return d(d);
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{ ");
            for (var e : map.entrySet()) {
                b.append(b.length() > 2 ? ", " : "").append(field(String.valueOf(e.getKey()), e.getValue()));
            }
            return b.append(" }").toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[ ");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return b.append(" ]").toString();
        }
        return q(String.valueOf(v));
    }

    private void comments(int depth, String comment) {
        if (comment != null) {
            for (String c : comment.split("\n")) {
                line(depth, "# " + comment(c));
            }
        }
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }

    /** A duration as heartline writes them: {@code 3s}, {@code 500ms}. */
    static String d(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** A HOCON (JSON) string literal: nothing inside can end it or start a substitution. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Text safe inside a comment: one line, no control characters. */
    private static String comment(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; s != null && i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }
}
