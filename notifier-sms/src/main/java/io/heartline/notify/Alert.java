package io.heartline.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing to tell people about.
 *
 * @param kind     what happened, one of {@link AlertKinds} (e.g. {@code takeover})
 * @param severity how much it matters
 * @param node     the node that reports it (the local node)
 * @param group    the resource group concerned, or {@code null}
 * @param what     short human description, e.g. {@code takeover of web}
 * @param cause    why, e.g. {@code owner node-a dead, silent 1010ms}; may be empty (null is read as empty)
 * @param time     wall-clock time of the event (for people, not for measuring)
 */
public record Alert(String kind, Severity severity, String node, String group, String what, String cause,
                    Instant time) {

    public Alert {
        kind = requireText(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        node = requireText(node, "node");
        if (group != null && group.isBlank()) {
            group = null;
        }
        what = requireText(what, "what");
        cause = cause == null ? "" : cause;
        Objects.requireNonNull(time, "time");
    }

    /** The test alert that {@code hactl notify test} sends. */
    public static Alert test(String node, Instant time) {
        return new Alert(AlertKinds.TEST, Severity.INFO, node, null, "test alert", "requested by operator", time);
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("alert " + field + " must not be blank");
        }
        return value;
    }
}
