package io.heartline.core.config;

import java.time.Duration;
import java.util.Set;

/**
 * Parses {@code timing { interval, deadtime, warntime, initdead, realtime-priority, suspect-after,
 * confirm-timeout, probe-port }}; the defaults
 * come from {@code reference.conf}. Checks the rules between the values: a deadtime of at least two
 * intervals (or one lost beacon is a failover) and a warntime shorter than the deadtime.
 */
final class TimingSection {
    private static final Duration MS = Duration.ofMillis(1);

    private TimingSection() {
    }

    /**
     * suspect-after when not written: three intervals, or the deadtime (the detector off) when the
     * deadtime is too short for a suspicion and its probes (an old fast profile: 15 ms / 50 ms).
     */
    private static Duration defaultSuspect(Duration interval, Duration deadtime, Duration confirm) {
        if (interval == null || deadtime == null || confirm == null) {
            return null;
        }
        Duration suspect = TimingConfig.defaultSuspectAfter(interval);
        return suspect.plus(confirm).compareTo(deadtime) > 0 ? deadtime : suspect;
    }

    static TimingConfig parse(ConfigReader r) {
        ConfigReader t = r.object("timing");
        if (t == null) {
            return null;
        }
        t.onlyKeys(Set.of("interval", "deadtime", "warntime", "initdead", "realtime-priority", "suspect-after",
                "confirm-timeout", "probe-port"));
        Duration interval = t.duration("interval", MS, Duration.ofSeconds(10));
        Duration deadtime = t.duration("deadtime", MS, Duration.ofMinutes(10));
        Duration warntime = t.duration("warntime", MS, Duration.ofMinutes(10));
        Duration initdead = t.duration("initdead", Duration.ZERO, Duration.ofHours(1));
        Integer realtime = t.integer("realtime-priority", 0, 99);
        Duration confirm = t.duration("confirm-timeout", MS, Duration.ofSeconds(10));
        Duration suspect = t.has("suspect-after") ? t.duration("suspect-after", MS, Duration.ofMinutes(10))
                : defaultSuspect(interval, deadtime, confirm);
        Integer probePort = t.integer("probe-port", 1, 65535);
        if (suspect != null && interval != null && t.has("suspect-after") && suspect.compareTo(interval.multipliedBy(2)) < 0) {
            t.problem("suspect-after", ConfigReader.format(suspect) + " must be at least twice the interval ("
                    + ConfigReader.format(interval) + "), or one late beacon starts probes");
        }
        if (suspect != null && confirm != null && deadtime != null && suspect.compareTo(deadtime) < 0
                && suspect.plus(confirm).compareTo(deadtime) > 0) {
            t.problem("confirm-timeout", "suspect-after + confirm-timeout (" + ConfigReader.format(suspect.plus(confirm))
                    + ") must not exceed deadtime (" + ConfigReader.format(deadtime)
                    + "): a confirmation would come after the death; raise deadtime or set suspect-after = deadtime to turn the detector off");
        }
        if (interval != null && deadtime != null && deadtime.compareTo(interval.multipliedBy(2)) < 0) {
            t.problem("deadtime", ConfigReader.format(deadtime) + " must be at least twice the interval ("
                    + ConfigReader.format(interval) + "), or one lost beacon is a failover");
        }
        if (warntime != null && deadtime != null && warntime.compareTo(deadtime) >= 0) {
            t.problem("warntime", ConfigReader.format(warntime) + " must be shorter than deadtime ("
                    + ConfigReader.format(deadtime) + ")");
        }
        if (interval == null || deadtime == null || warntime == null || initdead == null || realtime == null
                || suspect == null || confirm == null || probePort == null) {
            return null;
        }
        return new TimingConfig(interval, deadtime, warntime, initdead, realtime, suspect, confirm, probePort);
    }
}
