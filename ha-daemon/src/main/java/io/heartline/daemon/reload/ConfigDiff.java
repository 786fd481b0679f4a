package io.heartline.daemon.reload;

import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.SectionConfig;
import io.heartline.core.config.TimingConfig;
import io.heartline.core.config.VipConfig;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reload would change, split into what a running daemon applies (timings, VIPs added to or
 * removed from an existing group) and what needs a restart (everything else: nodes, media, keys,
 * groups' resources, fencing, alerts, ...; of the timings, the real-time priority, the probe port
 * and turning the two-stage detector on or off). Compared by value, so a key that only moved to another
 * line is no change.
 *
 * @param timing   the new timings, or null when they are unchanged
 * @param vips     per group whose VIPs changed, the new list
 * @param changes  what will be applied, one line each, for the operator
 * @param restart  what changed that this daemon cannot apply without a restart
 */
record ConfigDiff(TimingConfig timing, Map<String, List<VipConfig>> vips, List<String> changes, List<String> restart) {

    boolean empty() {
        return changes.isEmpty() && restart.isEmpty();
    }

    static ConfigDiff of(HeartlineConfig old, HeartlineConfig next) {
        List<String> changes = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        TimingConfig timing = null;
        List<String> timingRestart = timingRestart(old.timing(), next.timing());
        if (!timingRestart.isEmpty()) {
            restart.addAll(timingRestart);
        } else if (!old.timing().equals(next.timing())) {
            timing = next.timing();
            timingChanges(old.timing(), next.timing(), changes);
        }
        Map<String, List<VipConfig>> vips = new LinkedHashMap<>();
        List<String> oldNames = old.groups().stream().map(GroupConfig::name).toList();
        List<String> newNames = next.groups().stream().map(GroupConfig::name).toList();
        if (!oldNames.equals(newNames)) {
            restart.add("groups: " + oldNames + " -> " + newNames + " (adding, removing or reordering groups)");
        } else {
            for (int i = 0; i < oldNames.size(); i++) {
                group(old.groups().get(i), next.groups().get(i), vips, changes, restart);
            }
        }
        Map<String, Object> a = normalize(old);
        Map<String, Object> b = normalize(next);
        for (String key : a.keySet()) {
            if (!key.equals("source") && !key.equals("timing") && !key.equals("groups") && !Objects.equals(a.get(key), b.get(key))) {
                restart.add(key);
            }
        }
        return new ConfigDiff(timing, vips, List.copyOf(changes), List.copyOf(restart));
    }

    private static void group(GroupConfig o, GroupConfig n, Map<String, List<VipConfig>> vips, List<String> changes,
                              List<String> restart) {
        if (!Objects.equals(normalize(o.resources()), normalize(n.resources()))) {
            restart.add("group " + o.name() + ": resources");
        }
        if (o.vips().equals(n.vips())) {
            return;
        }
        if (o.vips().isEmpty()) {
            restart.add("group " + o.name() + ": its first VIP (a group started without VIPs has no VIP resource)");
            return;
        }
        vips.put(n.name(), n.vips());
        n.vips().stream().filter(v -> !o.vips().contains(v))
                .forEach(v -> changes.add("vip " + v + " added to group " + n.name()));
        o.vips().stream().filter(v -> !n.vips().contains(v))
                .forEach(v -> changes.add("vip " + v + " removed from group " + n.name()));
    }

    /** Timings a running daemon took once, at start: its threads' priority, and its probe port. */
    private static List<String> timingRestart(TimingConfig o, TimingConfig n) {
        List<String> out = new ArrayList<>();
        if (o.realtimePriority() != n.realtimePriority()) {
            out.add("timing.realtime-priority (each heartbeat thread takes it when it starts)");
        }
        if (o.twoStage() != n.twoStage()) {
            out.add("timing.suspect-after turns the two-stage detector " + (n.twoStage() ? "on" : "off")
                    + " (its probe port is opened at start)");
        } else if (n.twoStage() && o.probePort() != n.probePort()) {
            out.add("timing.probe-port (opened at start)");
        }
        return out;
    }

    private static void timingChanges(TimingConfig o, TimingConfig n, List<String> changes) {
        for (RecordComponent c : TimingConfig.class.getRecordComponents()) {
            Object before = get(c, o);
            Object after = get(c, n);
            if (!before.equals(after)) {
                changes.add("timing." + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT) + ": "
                        + show(before) + " -> " + show(after)); // the key's name: suspectAfter is suspect-after
            }
        }
    }

    private static String show(Object value) {
        return value instanceof java.time.Duration d ? d.toMillis() + "ms" : String.valueOf(value);
    }

    /** Records as maps of their components, config sections without their file and line numbers. */
    @SuppressWarnings("unchecked")
    private static <T> T normalize(Object v) {
        if (v instanceof SectionConfig s) {
            return (T) java.util.Arrays.asList(s.key(), s.type(), s.name(), s.values());
        }
        if (v instanceof Record r) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                m.put(c.getName(), normalize(get(c, r)));
            }
            return (T) m;
        }
        if (v instanceof List<?> l) {
            return (T) l.stream().map(ConfigDiff::normalize).toList();
        }
        return (T) v;
    }

    private static Object get(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
