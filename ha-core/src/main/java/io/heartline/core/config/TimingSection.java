package io.heartline.core.config;

import java.time.Duration;
import java.util.Set;

/**
 * Parses {@code timing { interval, deadtime, warntime, initdead, realtime-priority }}; the defaults
 * come from {@code reference.conf}. Checks the rules between the values: a deadtime of at least two
 * intervals (or one lost beacon is a failover) and a warntime shorter than the deadtime.
 */
final class TimingSection {
    private static final Duration MS = Duration.ofMillis(1);

    private TimingSection() {
    }

    static TimingConfig parse(ConfigReader r) {
        ConfigReader t = r.object("timing");
        if (t == null) {
            return null;
        }
        t.onlyKeys(Set.of("interval", "deadtime", "warntime", "initdead", "realtime-priority"));
        Duration interval = t.duration("interval", MS, Duration.ofSeconds(10));
        Duration deadtime = t.duration("deadtime", MS, Duration.ofMinutes(10));
        Duration warntime = t.duration("warntime", MS, Duration.ofMinutes(10));
        Duration initdead = t.duration("initdead", Duration.ZERO, Duration.ofHours(1));
        Integer realtime = t.integer("realtime-priority", 0, 99);
        if (interval != null && deadtime != null && deadtime.compareTo(interval.multipliedBy(2)) < 0) {
            t.problem("deadtime", ConfigReader.format(deadtime) + " must be at least twice the interval ("
                    + ConfigReader.format(interval) + "), or one lost beacon is a failover");
        }
        if (warntime != null && deadtime != null && warntime.compareTo(deadtime) >= 0) {
            t.problem("warntime", ConfigReader.format(warntime) + " must be shorter than deadtime ("
                    + ConfigReader.format(deadtime) + ")");
        }
        if (interval == null || deadtime == null || warntime == null || initdead == null || realtime == null) {
            return null;
        }
        return new TimingConfig(interval, deadtime, warntime, initdead, realtime);
    }
}
