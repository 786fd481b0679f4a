package io.heartline.stonith;

import java.time.Duration;

/** Durations for people: {@code 250 ms}, {@code 30 s}, {@code 2.315 s}. */
final class Durations {
    private Durations() {
    }

    static String show(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%d.%03d s", ms / 1000, ms % 1000);
    }
}
