package io.heartline.hactl.migrate;

import io.heartline.hactl.migrate.HaCf.Directive;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ha.cf's {@code keepalive}, {@code deadtime}, {@code warntime} and {@code initdead} → heartline's
 * timing, kept within heartline's rules (a deadtime of at least two intervals, a warntime shorter
 * than the deadtime, the ranges ha-core checks); each change is reported.
 */
final class HaCfTiming {
    /** heartbeat's times: seconds by default, or with ms, s, m, h. */
    private static final Pattern TIME = Pattern.compile("(\\d{1,7})(?:\\.(\\d{1,3}))?(ms|s|m|h)?");

    private HaCfTiming() {
    }

    static void apply(HaCf cf, ClusterPlan plan, Set<Directive> used, ImportReport report) {
        Duration interval = time(cf.last("keepalive"), used, report);
        Duration deadtime = time(cf.last("deadtime"), used, report);
        Duration warntime = time(cf.last("warntime"), used, report);
        Duration initdead = time(cf.last("initdead"), used, report);
        if (interval == null) {
            interval = Duration.ofMillis(200);
            report.note("no keepalive: heartline's interval, 200ms");
        }
        interval = clamp(interval, Duration.ofMillis(1), Duration.ofSeconds(10), cf.last("keepalive"), "interval", report);
        if (deadtime == null) {
            deadtime = max(Duration.ofSeconds(1), interval.multipliedBy(3));
            report.note("no deadtime: " + PlanWriter.d(deadtime));
        }
        if (deadtime.compareTo(interval.multipliedBy(2)) < 0) {
            deadtime = interval.multipliedBy(2);
            report.mapped(cf.last("deadtime").origin(), "deadtime = " + PlanWriter.d(deadtime) + ": at least two intervals, or one"
                    + " lost beacon is a failover");
        }
        deadtime = clamp(deadtime, Duration.ofMillis(2), Duration.ofMinutes(10), cf.last("deadtime"), "deadtime", report);
        if (warntime == null || warntime.compareTo(deadtime) >= 0) {
            Duration half = deadtime.dividedBy(2);
            if (warntime != null) {
                report.mapped(cf.last("warntime").origin(), "warntime = " + PlanWriter.d(half) + ": shorter than the deadtime");
            }
            warntime = half;
        }
        if (initdead == null) {
            initdead = max(Duration.ofSeconds(2), deadtime);
        }
        initdead = clamp(initdead, Duration.ZERO, Duration.ofHours(1), cf.last("initdead"), "initdead", report);
        plan.timing = new ClusterPlan.Timing(interval, deadtime, warntime, initdead);
    }

    private static Duration time(Directive d, Set<Directive> used, ImportReport report) {
        if (d == null) {
            return null;
        }
        used.add(d);
        Matcher m = d.arg(0) == null ? null : TIME.matcher(d.arg(0));
        if (m == null || !m.matches()) {
            report.notMapped(d.origin(), "not a time (seconds, or with ms, s, m, h)");
            return null;
        }
        long whole = Long.parseLong(m.group(1));
        long frac = m.group(2) == null ? 0 : Long.parseLong((m.group(2) + "00").substring(0, 3));
        String unit = m.group(3) == null ? "s" : m.group(3);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(whole);
            case "m" -> Duration.ofMinutes(whole).plusMillis(frac * 60);
            case "h" -> Duration.ofHours(whole).plusMillis(frac * 3600);
            default -> Duration.ofSeconds(whole).plusMillis(frac);
        };
    }

    private static Duration clamp(Duration d, Duration min, Duration max, Directive from, String key, ImportReport report) {
        Duration out = d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
        if (!out.equals(d) && from != null) {
            report.mapped(from.origin(), key + " = " + PlanWriter.d(out) + ": heartline's range is " + PlanWriter.d(min) + ".."
                    + PlanWriter.d(max));
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
