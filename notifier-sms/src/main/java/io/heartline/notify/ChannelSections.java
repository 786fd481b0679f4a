package io.heartline.notify;

import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.SectionConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds channel specs from the config file's {@code alerts.channels} entries. Types: {@code kannel}
 * (SMS via Kannel's sendsms), {@code webhook}, {@code smtp}, {@code script}. Every entry takes
 * {@code kinds = [takeover, ...]} (default all), {@code min-severity = info|warning|critical} and
 * the rate limit {@code max-per-window} / {@code window} (SMS default 5 per 10m, email 20, others none).
 */
public final class ChannelSections {
    private static final Set<String> COMMON = Set.of("kinds", "min-severity", "max-per-window", "window", "give-up-after");

    private ChannelSections() {
    }

    public static List<ChannelSpec> specs(HeartlineConfig config) throws InvalidSectionException {
        List<ChannelSpec> out = new ArrayList<>();
        for (SectionConfig s : config.alertChannels()) {
            out.add(spec(s));
        }
        return out;
    }

    public static ChannelSpec spec(SectionConfig s) throws InvalidSectionException {
        try {
            return switch (s.type()) {
                case "kannel" -> kannel(s);
                case "webhook" -> webhook(s);
                case "smtp" -> smtp(s);
                case "script" -> script(s);
                default -> throw s.invalid("type", "'" + s.type() + "' is not an alert channel type (kannel, webhook, smtp, script)");
            };
        } catch (IllegalArgumentException e) {
            throw s.invalid(null, e.getMessage());
        }
    }

    private static Set<String> keys(String... own) {
        Set<String> k = new HashSet<>(COMMON);
        k.addAll(List.of(own));
        return k;
    }

    private static SmsConfig kannel(SectionConfig s) throws InvalidSectionException {
        s.onlyKeys(keys("url", "username", "password", "password-file", "from", "to", "smsc", "max-chars", "timeout"));
        String password = s.secret("password");
        if (password == null) {
            throw s.invalid("password", "missing (give password, or password-file naming a file of mode 600)");
        }
        return new SmsConfig(s.name(), uri(s, "url"), s.string("username"), password,
                s.string("from", "Heartline"), to(s), s.has("smsc") ? s.string("smsc") : null,
                s.integer("max-chars", AlertText.SMS_LENGTH, 20, 1600), s.duration("timeout", Duration.ofSeconds(10)),
                filter(s), policy(s, DeliveryPolicy.sms()));
    }

    private static WebhookConfig webhook(SectionConfig s) throws InvalidSectionException {
        s.onlyKeys(keys("url", "method", "headers", "body", "format", "max-chars", "timeout"));
        BodyFormat format = enumValue(s, "format", BodyFormat.class, BodyFormat.JSON);
        return new WebhookConfig(s.name(), s.string("url"), s.string("method", "POST"), s.stringMap("headers"),
                s.string("body", "{\"text\": \"${text}\"}"), format, s.integer("max-chars", AlertText.SMS_LENGTH, 20, 100_000),
                s.duration("timeout", Duration.ofSeconds(10)), filter(s), policy(s, DeliveryPolicy.defaults()));
    }

    private static SmtpConfig smtp(SectionConfig s) throws InvalidSectionException {
        s.onlyKeys(keys("host", "port", "starttls", "username", "password", "password-file", "from", "to",
                "connect-timeout", "read-timeout"));
        StartTls tls = enumValue(s, "starttls", StartTls.class, StartTls.OPTIONAL);
        String username = s.has("username") ? s.string("username") : null;
        String password = s.secret("password");
        if ((username != null || password != null) && tls == StartTls.OPTIONAL) {
            throw s.invalid("starttls", (s.has("starttls") ? "'optional'" : "the default 'optional'")
                    + " would send the password in clear to a server that offers no STARTTLS (or to anyone who strips"
                    + " the offer): write starttls = required, or starttls = off to send it in clear on purpose");
        }
        return new SmtpConfig(s.name(), s.string("host"), s.integer("port", 25, 1, 65535), tls, username,
                password, s.string("from"), to(s),
                s.duration("connect-timeout", Duration.ofSeconds(10)), s.duration("read-timeout", Duration.ofSeconds(20)),
                filter(s), policy(s, DeliveryPolicy.email()));
    }

    private static ScriptConfig script(SectionConfig s) throws InvalidSectionException {
        s.onlyKeys(keys("path", "timeout", "max-chars"));
        String path = s.string("path");
        if (!path.startsWith("/")) {
            throw s.invalid("path", "'" + path + "' must be an absolute path");
        }
        return new ScriptConfig(s.name(), Path.of(path), s.duration("timeout", Duration.ofSeconds(10)),
                s.integer("max-chars", AlertText.SMS_LENGTH, 20, 100_000), filter(s), policy(s, DeliveryPolicy.defaults()));
    }

    private static List<String> to(SectionConfig s) throws InvalidSectionException {
        List<String> to = s.strings("to");
        if (to.isEmpty()) {
            throw s.invalid("to", "at least one recipient is needed");
        }
        return to;
    }

    private static URI uri(SectionConfig s, String key) throws InvalidSectionException {
        try {
            return new URI(s.string(key));
        } catch (URISyntaxException e) {
            throw s.invalid(key, "not a URL: " + e.getMessage());
        }
    }

    private static ChannelFilter filter(SectionConfig s) throws InvalidSectionException {
        Set<String> kinds = new HashSet<>(s.strings("kinds"));
        for (String k : kinds) {
            if (!AlertKinds.KNOWN.contains(k)) {
                throw s.invalid("kinds", "'" + k + "' is not an alert kind " + new java.util.TreeSet<>(AlertKinds.KNOWN));
            }
        }
        return new ChannelFilter(kinds, enumValue(s, "min-severity", Severity.class, Severity.INFO));
    }

    private static DeliveryPolicy policy(SectionConfig s, DeliveryPolicy base) throws InvalidSectionException {
        DeliveryPolicy p = base;
        if (s.has("max-per-window") || s.has("window")) {
            p = p.withRateLimit(s.integer("max-per-window", base.maxPerWindow(), 0, 10_000),
                    s.duration("window", base.window()), base.criticalExtra());
        }
        if (s.has("give-up-after")) {
            p = p.withGiveUp(s.duration("give-up-after", base.giveUpAfter()), base.maxAttempts());
        }
        return p;
    }

    private static <E extends Enum<E>> E enumValue(SectionConfig s, String key, Class<E> type, E dflt)
            throws InvalidSectionException {
        if (!s.has(key)) {
            return dflt;
        }
        String v = s.string(key);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, "'" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    /** The {@link io.heartline.core.config.ConfigCheck} for alert channels. */
    public static final class Check implements io.heartline.core.config.ConfigCheck {
        @Override
        public List<ConfigProblem> check(HeartlineConfig config) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (SectionConfig s : config.alertChannels()) {
                try {
                    spec(s);
                } catch (InvalidSectionException e) {
                    problems.add(e.problem());
                }
            }
            return problems;
        }
    }
}
