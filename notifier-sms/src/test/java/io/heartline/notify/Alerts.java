package io.heartline.notify;

import io.heartline.core.Clock;

/** Alerts for tests. */
final class Alerts {
    private Alerts() {
    }

    static Alert takeover(Clock clock) {
        return new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL, "node-b", "web", "takeover of web",
                "owner node-a dead, silent 1010ms", clock.wallTime());
    }

    static Alert of(String kind, Severity severity, Clock clock) {
        return new Alert(kind, severity, "node-b", null, kind.replace('-', ' '), "", clock.wallTime());
    }

    static Alert linkDegraded(Clock clock) {
        return new Alert(AlertKinds.LINK_DEGRADED, Severity.WARNING, "node-b", null, "link eth1 degraded",
                "no beacon from node-a on eth1 for 150ms", clock.wallTime());
    }

    static Alert linkRestored(Clock clock) {
        return new Alert(AlertKinds.LINK_RESTORED, Severity.INFO, "node-b", null, "link eth1 restored", "",
                clock.wallTime());
    }
}
