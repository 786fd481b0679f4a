package io.heartline.heartbeat;

import java.time.Duration;

/**
 * Real-time bounds for tests that wait on a network, scaled by the system property
 * {@code heartline.timing} (default 1.0; slow machines use 2, 3, ...).
 */
public final class Timing {
    private Timing() {
    }

    public static double factor() {
        String v = System.getProperty("heartline.timing", "1.0");
        try {
            double f = Double.parseDouble(v.isBlank() ? "1.0" : v);
            return f > 0 ? f : 1.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("heartline.timing must be a positive number, not '" + v + "'", e);
        }
    }

    public static Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * factor()));
    }

    public static Duration millis(long ms) {
        return scaled(Duration.ofMillis(ms));
    }
}
