package io.heartline.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A channel's rate limit: at most {@code maxPerWindow} messages (+{@code criticalExtra} for
 * critical alerts) per window; the rest are held and counted by kind into one summary alert at
 * the end of the window. The window opens with the first message after a quiet period; a
 * summary opens the next window and counts as its first message, so a channel never sends more
 * than the limit per window, however much a link flaps. Not thread-safe: its worker's lock guards it.
 *
 * <pre>
 *  CLOSED ──first message──▶ OPEN ──end, nothing held──▶ CLOSED
 *                             ▲ │
 *                             └─┘ end, some held: summary, next window opens
 * </pre>
 */
final class RateWindow {
    /** What to do with an alert. */
    enum Admission { SEND, SEND_NEW_WINDOW, HELD }

    private final DeliveryPolicy policy;
    private boolean open;
    private int sent;
    private final Map<String, Integer> heldByKind = new LinkedHashMap<>();
    private int held;
    private Severity worst;
    private String node;

    RateWindow(DeliveryPolicy policy) {
        this.policy = policy;
    }

    /**
     * Counts the alert in the current window, opening one if none is open
     * ({@link Admission#SEND_NEW_WINDOW}: the caller schedules its end), or holds it.
     */
    Admission admit(Alert a, boolean bypass) {
        if (!policy.rateLimited()) {
            return Admission.SEND;
        }
        boolean opened = !open;
        if (opened) {
            open = true;
            sent = 0;
        }
        int limit = policy.maxPerWindow() + (a.severity() == Severity.CRITICAL ? policy.criticalExtra() : 0);
        if (bypass || sent < limit) {
            sent++;
            return opened ? Admission.SEND_NEW_WINDOW : Admission.SEND;
        }
        heldByKind.merge(a.kind(), 1, Integer::sum);
        held++;
        worst = worst == null || a.severity().compareTo(worst) > 0 ? a.severity() : worst;
        node = node == null ? a.node() : node;
        return Admission.HELD;
    }

    /**
     * The window ends: the summary of what was held (the next window is then open and counts
     * it), or null when nothing was held (the window closes).
     */
    Alert end(Instant now) {
        if (held == 0) {
            open = false;
            sent = 0;
            return null;
        }
        Alert summary = new Alert(AlertKinds.SUMMARY, worst, node, null, "+" + held + " more: " + byKind(),
                "rate limit " + policy.maxPerWindow() + " per " + human(policy.window()), now);
        heldByKind.clear();
        held = 0;
        worst = null;
        node = null;
        open = true;
        sent = 1;
        return summary;
    }

    int heldNow() {
        return held;
    }

    private String byKind() {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(heldByKind.entrySet());
        entries.sort((x, y) -> Integer.compare(y.getValue(), x.getValue()));
        return entries.stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
