package io.heartline.daemon.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether systemd watches this process, from {@code WATCHDOG_USEC} (the unit's
 * {@code WatchdogSec=}) and {@code WATCHDOG_PID} (set when the watched process is a specific one:
 * a child that inherited the variables must not ping on its parent's behalf), as
 * {@code sd_watchdog_enabled(3)} reads them.
 */
final class WatchdogSettings {
    private WatchdogSettings() {
    }

    /**
     * The watchdog period, or empty when this process is not watched.
     *
     * @throws IllegalArgumentException naming the variable and its value when either is not a positive number
     */
    static Optional<Duration> period(Map<String, String> env, long ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null) {
            return Optional.empty();
        }
        String pid = env.get("WATCHDOG_PID");
        if (pid != null && positive("WATCHDOG_PID", pid) != ownPid) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.multiplyExact(positive("WATCHDOG_USEC", usec), 1000L)));
    }

    private static long positive(String name, String value) {
        try {
            long v = Long.parseLong(value.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "='" + value + "' is not a positive whole number");
    }
}
