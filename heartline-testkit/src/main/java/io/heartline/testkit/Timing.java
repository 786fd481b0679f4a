package io.heartline.testkit;

import java.time.Duration;

/**
 * The one place where real-time bounds of the cluster tests are scaled (like Curator's
 * {@code Timing}). Every bound a test waits for goes through {@link #scaled(Duration)}, so a
 * slow machine runs the same suite with {@code -Dheartline.timing=2} instead of edited numbers.
 */
public final class Timing {
    /** The system property that holds the multiplier; 1.0 when absent or blank. */
    public static final String PROPERTY = "heartline.timing";

    private Timing() {
    }

    /** The multiplier from {@value #PROPERTY}, checked to be a positive number. */
    public static double multiplier() {
        String raw = System.getProperty(PROPERTY, "").trim();
        if (raw.isEmpty()) {
            return 1.0;
        }
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + raw + " is not a number", e);
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + raw + " must be a positive number");
        }
        return value;
    }

    /** {@code bound} times the multiplier, rounded to the millisecond (at least 1 ms). */
    public static Duration scaled(Duration bound) {
        long millis = Math.round(bound.toMillis() * multiplier());
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** Shorthand for {@code scaled(Duration.ofMillis(millis))}. */
    public static Duration scaledMillis(long millis) {
        return scaled(Duration.ofMillis(millis));
    }
}
