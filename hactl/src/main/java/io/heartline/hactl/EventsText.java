package io.heartline.hactl;

import java.util.Map;

/**
 * One journal event as one line of text: time, node, kind, group, then the cause, which is the point
 * ("why did it fail over"), then the details as {@code key=value}.
 */
final class EventsText {
    static final String HEADER = line("TIME", "NODE", "KIND", "GROUP", "CAUSE");

    private EventsText() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> event) {
        StringBuilder cause = new StringBuilder(String.valueOf(event.get("cause")));
        if (event.get("details") instanceof Map<?, ?> details && !details.isEmpty()) {
            StringBuilder d = new StringBuilder();
            ((Map<String, Object>) details).forEach((k, v) -> d.append(d.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            cause.append(" [").append(d).append(']');
        }
        return line(String.valueOf(event.get("ts")), String.valueOf(event.get("node")), String.valueOf(event.get("kind")),
                event.get("group") == null ? "-" : String.valueOf(event.get("group")), cause.toString());
    }

    private static String line(String ts, String node, String kind, String group, String cause) {
        return String.format("%-24s  %-10s  %-15s  %-8s  %s", ts, node, kind, group, cause).stripTrailing();
    }
}
