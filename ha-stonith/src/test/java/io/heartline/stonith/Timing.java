package io.heartline.stonith;

import java.time.Duration;

/** Real-time bounds in tests, scaled by {@code -Dheartline.timing} (2 on a slow machine). */
final class Timing {
    static final double FACTOR = Double.parseDouble(System.getProperty("heartline.timing", "1.0"));

    private Timing() {
    }

    static Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * FACTOR));
    }

    static Duration seconds(double s) {
        return scaled(Duration.ofMillis((long) (s * 1000)));
    }
}
