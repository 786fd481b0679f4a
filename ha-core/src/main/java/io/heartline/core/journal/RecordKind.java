package io.heartline.core.journal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of line in the event journal, by who writes it. A new kind is added here, and the
 * compiler then shows each exhaustive switch that must handle it (alerts, metrics). The wire name
 * (kebab-case) is what the journal, {@code hactl events} and the scenario files say.
 */
public enum RecordKind {
    // the decider: groups
    TRANSITION("transition", false),
    TERM_ADVANCED("term-advanced", false),
    TWO_OWNERS("two-owners", true),
    NO_QUORUM("no-quorum", true),
    RESOURCE_FAILED("resource-failed", true),
    MAINTENANCE("maintenance", false),
    FAILOVER_REQUESTED("failover-requested", false),
    FAILOVER_DONE("failover-done", false),
    FAILOVER_FAILED("failover-failed", true),
    // the decider: peers and links
    PEER_ALIVE("peer-alive", false),
    PEER_DEAD("peer-dead", true),
    /** The two-stage detector: a silent peer is probed, or a probe found it alive but slow. */
    PEER_SUSPECT("peer-suspect", false),
    /** A peer found slow (kernel answering, daemon silent) was heard again: how long it was silent. */
    PEER_SLOW("peer-slow", true),
    PEER_RESTARTED("peer-restarted", false),
    LATE_BEACON("late-beacon", true),
    LINK_DOWN("link-down", true),
    LINK_UP("link-up", false),
    MEDIUM_DOWN("medium-down", true),
    MEDIUM_UP("medium-up", false),
    PARTITION("partition", true),
    PARTITION_HEALED("partition-healed", false),
    /** Another host answers for a VIP of ours: before a claim (a foreign host: not claimed) or while we hold it. */
    DUPLICATE_VIP("duplicate-vip", true),
    /** A VIP's own interface went down here (the group moves away) or came back (a candidate again). */
    VIP_LINK_DOWN("vip-link-down", true),
    VIP_LINK_UP("vip-link-up", false),
    /** Ping nodes: none answered for deadtime (this node claims nothing, stops what it holds), or one answers again. */
    PING_LOST("ping-lost", true),
    PING_BACK("ping-back", false),
    /** The witness answered a question about a group's lock (verdict granted, denied or unreachable). */
    WITNESS_ANSWER("witness-answer", false),
    /** This node's witness session expired: its locks are gone. */
    WITNESS_LOST("witness-lost", true),
    PAUSE_DETECTED("pause-detected", true),
    ISOLATED("isolated", true),
    REJOINED("rejoined", false),
    MEDIA_OPEN("media-open", false),
    // the decider: fencing
    FENCE_REQUESTED("fence-requested", false),
    FENCE_DELAYED("fence-delayed", false),
    FENCE_OK("fence-ok", false),
    FENCE_FAILED("fence-failed", true),
    FENCE_CANCELLED("fence-cancelled", false),
    FENCED_PEER_BACK("fenced-peer-back", true),
    // the decider: modes and lifecycle
    STANDBY("standby", false),
    ONLINE("online", false),
    MAINTENANCE_ON("maintenance-on", true),
    MAINTENANCE_OFF("maintenance-off", false),
    SHUTDOWN("shutdown", false),
    // the daemon
    DAEMON_START("daemon-start", false),
    DAEMON_STOP("daemon-stop", false),
    FENCING_OFF("fencing-off", true),
    STALE_VIP_REMOVED("stale-vip-removed", true),
    /** {@code hactl cleanup-vips} (ExecStopPost) could not remove a VIP the dead daemon left up. */
    STALE_VIP_LEFT("stale-vip-left", true),
    /** A start-up probe: what the monitor of a resource found before the groups left INIT, and what was done. */
    STARTUP_PROBE("startup-probe", false),
    RESOURCE_OP("resource-op", false),
    RESOURCE_STATE("resource-state", false),
    VIPS_CHANGED("vips-changed", false),
    // the daemon: an LVS director's real-server checks
    REAL_SERVER_DOWN("real-server-down", true),
    REAL_SERVER_UP("real-server-up", false),
    SORRY_SERVER_IN("sorry-server-in", true),
    SORRY_SERVER_OUT("sorry-server-out", false),
    IPVS_CHANGE("ipvs-change", false),
    IPVS_CHANGE_FAILED("ipvs-change-failed", true),
    RELOAD("reload", false),
    RELOAD_REFUSED("reload-refused", true),
    ALERT_DELIVERY("alert-delivery", false),
    ACTIONS_FAILED("actions-failed", true),
    CONTROL_COMMAND("control-command", false);

    private static final Map<String, RecordKind> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RecordKind::wireName, Function.identity()));

    private final String wireName;
    private final boolean warns;

    RecordKind(String wireName, boolean warns) {
        this.wireName = wireName;
        this.warns = warns;
    }

    /** The name in the journal file and in scenario files. */
    public String wireName() {
        return wireName;
    }

    /** Logged at WARN rather than INFO. */
    public boolean warns() {
        return warns;
    }

    public static Optional<RecordKind> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
