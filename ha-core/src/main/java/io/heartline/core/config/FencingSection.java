package io.heartline.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code fencing = off} or {@code fencing { delay, timeout, devices = [...] }}: required,
 * never implied, so that running without fencing is a choice written in the file. The devices are
 * sections, checked by the fencing module.
 */
final class FencingSection {
    private FencingSection() {
    }

    static FencingConfig parse(ConfigReader r) {
        if (!r.has("fencing")) {
            r.problem("fencing", "missing: configure fence devices, or write 'fencing = off' to accept that a "
                    + "partition can end with two owners");
            return null;
        }
        if (r.isString("fencing")) {
            String s = r.string("fencing");
            if (s.equals("off")) {
                return FencingConfig.OFF;
            }
            r.problem("fencing", "'" + s + "' must be 'off' or an object { devices = [ ... ] }");
            return null;
        }
        ConfigReader f = r.object("fencing");
        if (f == null) {
            return null;
        }
        f.onlyKeys(Set.of("delay", "timeout", "devices"));
        Duration delay = f.has("delay") ? f.duration("delay", Duration.ZERO, Duration.ofMinutes(10)) : Duration.ofSeconds(5);
        Duration timeout = f.has("timeout") ? f.duration("timeout", Duration.ofSeconds(1), Duration.ofHours(1))
                : Duration.ofSeconds(60);
        List<SectionConfig> devices = f.sections("devices");
        if (devices.isEmpty() && f.problems().isEmpty()) {
            f.problem("devices", "at least one fence device is needed (or write 'fencing = off')");
        }
        return delay == null || timeout == null ? null : new FencingConfig(true, delay, timeout, devices);
    }
}
