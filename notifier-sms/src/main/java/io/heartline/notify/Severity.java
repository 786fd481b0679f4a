package io.heartline.notify;

/** How much an alert matters. Channels send only alerts at or above their minimum severity. */
public enum Severity {
    /** Expected events: a planned release, a daemon start, a test. */
    INFO,
    /** Something degraded but the service is up: a link down, a late peer. */
    WARNING,
    /** Service moved or is at risk: takeover, failed fence, two owners. */
    CRITICAL;

    /** True if this severity is {@code other} or worse. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
