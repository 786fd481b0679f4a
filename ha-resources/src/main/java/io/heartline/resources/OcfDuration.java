package io.heartline.resources;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time values as OCF meta-data writes them: {@code 20} (seconds), {@code 20s}, {@code 100ms},
 * {@code 2m}/{@code 2min}, {@code 1h}, as Pacemaker reads them.
 */
public final class OcfDuration {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*(ms|msec|s|sec|m|min|h|hr)?\\s*");

    private OcfDuration() {
    }

    /** @throws IllegalArgumentException for anything else */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a time value: '" + text + "' (use 20, 20s, 500ms, 2m or 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms", "msec" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h", "hr" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
