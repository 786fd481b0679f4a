package io.heartline.hactl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code events --since}: an ISO-8601 instant, or a duration back from now ({@code 90s},
 * {@code 10m}, {@code 2h}, {@code 1d}), turned into an instant only when the command runs, with its clock.
 */
record Since(Instant at, Duration ago) {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhd])");

    Instant resolve(Clock clock) {
        return at != null ? at : clock.instant().minus(ago);
    }

    /** Parses the option's text; a bad value is a usage error that shows both accepted forms. */
    static final class Converter implements ITypeConverter<Since> {
        @Override
        public Since convert(String value) {
            Matcher m = RELATIVE.matcher(value);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration ago = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return new Since(null, ago);
            }
            try {
                return new Since(Instant.parse(value), null);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is neither an ISO-8601 instant (like"
                        + " 2026-11-21T22:00:00Z) nor a duration back from now (like 90s, 10m, 2h, 1d)");
            }
        }
    }
}
