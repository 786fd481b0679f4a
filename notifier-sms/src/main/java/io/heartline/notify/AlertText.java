package io.heartline.notify;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an alert reads. The short form fits one SMS:
 * <pre>HL node-b: takeover of web (owner node-a dead, silent 1010ms) 21:05:11Z</pre>
 * counted in GSM 7-bit septets after transliteration, and cut in the middle with {@code ...}
 * when too long (node and time always stay). The long form is an email subject and a body
 * with every field.
 */
public final class AlertText {
    /** One plain SMS: 160 septets. */
    public static final int SMS_LENGTH = 160;
    /** Marks a cut short text. */
    public static final String ELLIPSIS = "...";
    /** The shortest limit a short text may be given. */
    public static final int MIN_LENGTH = 20;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /** The short form in at most {@link #SMS_LENGTH} GSM septets. */
    public static String shortText(Alert a) {
        return shortText(a, SMS_LENGTH);
    }

    /** The short form in at most {@code maxSeptets} GSM septets, only GSM 7-bit characters. */
    public static String shortText(Alert a, int maxSeptets) {
        if (maxSeptets < MIN_LENGTH) {
            throw new IllegalArgumentException("short text limit must be at least " + MIN_LENGTH + ": " + maxSeptets);
        }
        String head = "HL " + gsm(a.node()) + ": ";
        String middle = gsm(a.cause().isBlank() ? a.what() : oneLine(a.what()) + " (" + oneLine(a.cause()) + ")");
        String tail = " " + CLOCK.format(a.time());
        if (Gsm7.septets(head) + Gsm7.septets(middle) + Gsm7.septets(tail) <= maxSeptets) {
            return head + middle + tail;
        }
        int budget = maxSeptets - Gsm7.septets(head) - Gsm7.septets(tail) - ELLIPSIS.length();
        if (budget >= 8) {
            return head + Gsm7.prefix(middle, budget).stripTrailing() + ELLIPSIS + tail;
        }
        return Gsm7.prefix(head + middle + tail, maxSeptets - ELLIPSIS.length()).stripTrailing() + ELLIPSIS;
    }

    /** Email subject: {@code [Heartline] CRITICAL node-b: takeover of web}. */
    public static String subject(Alert a) {
        String s = "[Heartline] " + a.severity() + " " + oneLine(a.node()) + ": " + oneLine(a.what());
        return s.length() <= 200 ? s : s.substring(0, 197) + ELLIPSIS;
    }

    /** Email body: every field, one per line. */
    public static String body(Alert a) {
        return "Heartline alert\n\n"
                + "Kind:     " + a.kind() + "\n"
                + "Severity: " + a.severity() + "\n"
                + "Node:     " + a.node() + "\n"
                + "Group:    " + (a.group() == null ? "-" : a.group()) + "\n"
                + "What:     " + a.what() + "\n"
                + "Cause:    " + (a.cause().isBlank() ? "-" : a.cause()) + "\n"
                + "Time:     " + a.time().truncatedTo(ChronoUnit.MILLIS) + "\n"
                + "\n-- \nSent by Heartline on " + a.node() + ". 'hactl status' shows the cluster as it is now.\n";
    }

    /**
     * The values templates and scripts can use: {@code kind, severity, node, group} (empty when
     * none), {@code what, cause, time} (ISO-8601), {@code text} (short form), {@code subject, body}.
     */
    public static Map<String, String> fields(Alert a, int maxSeptets) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", a.kind());
        f.put("severity", a.severity().name());
        f.put("node", a.node());
        f.put("group", a.group() == null ? "" : a.group());
        f.put("what", a.what());
        f.put("cause", a.cause());
        f.put("time", a.time().toString());
        f.put("text", shortText(a, maxSeptets));
        f.put("subject", subject(a));
        f.put("body", body(a));
        return f;
    }

    private static String gsm(String s) {
        return Gsm7.transliterate(oneLine(s));
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
