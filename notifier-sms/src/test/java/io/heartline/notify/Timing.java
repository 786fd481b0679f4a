package io.heartline.notify;

import java.time.Duration;

/**
 * Real-time bounds for tests that wait on real servers, scaled by the system property
 * {@code heartline.timing} (default 1.0; slow machines use 2, 3, ...).
 */
final class Timing {
    private Timing() {
    }

    static double factor() {
        String v = System.getProperty("heartline.timing", "1.0");
        try {
            double f = Double.parseDouble(v.isBlank() ? "1.0" : v);
            return f > 0 ? f : 1.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("heartline.timing must be a positive number, not '" + v + "'", e);
        }
    }

    static Duration seconds(long s) {
        return Duration.ofMillis((long) (s * 1000 * factor()));
    }
}
