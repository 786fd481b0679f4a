package io.heartline.daemon.alerts;

import io.heartline.membership.Action;
import io.heartline.notify.Alert;
import io.heartline.notify.AlertKinds;
import io.heartline.notify.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * Which journal records become alerts, of what kind and severity. Pure: a record in, an alert
 * (or none) out. An unplanned takeover, a death, a partition, a failed fence or group are
 * CRITICAL; planned moves and link changes less so.
 */
final class AlertMapper {
    private AlertMapper() {
    }

    /** @param claimCause why this node claimed the group, for the takeover alert (the ACTIVE record says only "started") */
    static Optional<Alert> map(Action.Record r, String node, Instant time, String claimCause) {
        String peer = String.valueOf(r.fields().get("peer"));
        String medium = String.valueOf(r.fields().get("medium"));
        Alert a = switch (r.kind()) {
            case TRANSITION -> transition(r, node, time, claimCause);
            case PEER_DEAD -> alert(AlertKinds.PEER_DEAD, Severity.CRITICAL, node, null, peer + " dead", r.cause(), time);
            case LINK_DOWN -> alert(AlertKinds.LINK_DEGRADED, Severity.WARNING, node, null,
                    "link to " + peer + " on " + medium + " down", r.cause(), time);
            case MEDIUM_DOWN -> alert(AlertKinds.LINK_DEGRADED, Severity.WARNING, node, null,
                    "our " + medium + " down", r.cause(), time);
            case LINK_UP -> alert(AlertKinds.LINK_RESTORED, Severity.INFO, node, null,
                    "link to " + peer + " on " + medium + " up", r.cause(), time);
            case MEDIUM_UP -> alert(AlertKinds.LINK_RESTORED, Severity.INFO, node, null, "our " + medium + " up", r.cause(), time);
            case PARTITION -> alert(AlertKinds.PARTITION, Severity.CRITICAL, node, null, "partition from " + peer, r.cause(), time);
            case ACTIONS_FAILED -> alert(AlertKinds.JOURNAL, Severity.CRITICAL, node, r.group(),
                    "actions failed on " + node, r.cause(), time);
            case ISOLATED -> alert(AlertKinds.PARTITION, Severity.CRITICAL, node, null, "cut off: every medium of ours is down",
                    r.cause(), time);
            case FENCE_OK -> alert(AlertKinds.FENCE_OK, Severity.WARNING, node, null, peer + " fenced", r.cause(), time);
            case FENCE_FAILED -> alert(AlertKinds.FENCE_FAILED, Severity.CRITICAL, node, null, "fencing " + peer + " failed",
                    r.cause(), time);
            case TWO_OWNERS -> alert(AlertKinds.TWO_OWNERS, Severity.CRITICAL, node, r.group(), "two owners of " + r.group(),
                    r.cause(), time);
            case RESOURCE_FAILED -> alert(AlertKinds.RESOURCE_FAILED, Severity.WARNING, node, r.group(),
                    "resource " + r.fields().get("resource") + " failed", r.cause(), time);
            // Journaled and shown, not alerted (the transition they lead to is, where it matters):
            case TERM_ADVANCED, NO_QUORUM, MAINTENANCE, FAILOVER_REQUESTED, FAILOVER_DONE, FAILOVER_FAILED, PEER_ALIVE,
                 PEER_RESTARTED, PEER_SUSPECT, PEER_SLOW, LATE_BEACON, PARTITION_HEALED, PAUSE_DETECTED, MEDIA_OPEN, REJOINED,
                 FENCE_REQUESTED,
                 FENCE_DELAYED, FENCE_CANCELLED, FENCED_PEER_BACK, STANDBY, ONLINE, MAINTENANCE_ON, MAINTENANCE_OFF,
                 SHUTDOWN, DAEMON_START, DAEMON_STOP, FENCING_OFF, STALE_VIP_REMOVED, STALE_VIP_LEFT, STARTUP_PROBE, RESOURCE_OP,
                 RESOURCE_STATE,
                 VIPS_CHANGED, RELOAD, RELOAD_REFUSED, ALERT_DELIVERY, CONTROL_COMMAND,
                 REAL_SERVER_DOWN, REAL_SERVER_UP, SORRY_SERVER_IN, SORRY_SERVER_OUT, IPVS_CHANGE, IPVS_CHANGE_FAILED -> null;
        };
        return Optional.ofNullable(a);
    }

    private static Alert transition(Action.Record r, String node, Instant time, String claimCause) {
        Object to = r.fields().get("to");
        Object from = r.fields().get("from");
        String cause = r.cause() == null ? "" : r.cause();
        if ("ACTIVE".equals(to)) {
            cause = claimCause == null ? cause : claimCause;
            boolean unplanned = cause.contains("dead") || cause.contains("does not run it") || cause.contains("previous run");
            boolean initial = cause.startsWith("no owner");
            Severity severity = unplanned ? Severity.CRITICAL : initial ? Severity.INFO : Severity.WARNING;
            return alert(AlertKinds.TAKEOVER, severity, node, r.group(),
                    "takeover of " + r.group() + " (epoch " + r.fields().get("epoch") + ")", cause, time);
        }
        if ("RELEASING".equals(from) && "STANDBY".equals(to)) {
            return alert(AlertKinds.RELEASE, Severity.WARNING, node, r.group(), "released " + r.group(), cause, time);
        }
        if ("FAULT".equals(to)) {
            return alert(AlertKinds.GROUP_FAILED, Severity.CRITICAL, node, r.group(), "group " + r.group() + " FAULT", cause, time);
        }
        return null;
    }

    private static Alert alert(String kind, Severity severity, String node, String group, String what, String cause,
                               Instant time) {
        return new Alert(kind, severity, node, group, what, cause == null ? "" : cause, time);
    }
}
