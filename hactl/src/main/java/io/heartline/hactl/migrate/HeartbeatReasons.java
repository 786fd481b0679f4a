package io.heartline.hactl.migrate;

import java.util.Map;

/** Why an ha.cf directive has no place in heartline.conf, for the import's report. */
final class HeartbeatReasons {
    private static final String LOGS = "heartline logs to standard output (the journal under systemd)";
    private static final String FENCING = "heartline fences with fence-agents (fence_ipmilan, fence_apc, …), a script or manual"
            + " devices: configure fencing.devices; until then the config says fencing = off";
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("logfacility", LOGS), Map.entry("logfile", LOGS), Map.entry("debugfile", LOGS), Map.entry("use_logd", LOGS),
            Map.entry("debug", LOGS), Map.entry("conn_logd_time", LOGS),
            Map.entry("stonith", FENCING), Map.entry("stonith_host", FENCING),
            Map.entry("ping", "heartline has no ping nodes: a node that loses its uplink does not give its groups away"),
            Map.entry("ping_group", "heartline has no ping nodes: a node that loses its uplink does not give its groups away"),
            Map.entry("hbaping", "heartline has no ping nodes"),
            Map.entry("deadping", "heartline has no ping nodes"),
            Map.entry("respawn", "heartline does not respawn processes: run them as systemd services (ipfail has no heartline"
                    + " equivalent)"),
            Map.entry("apiauth", "heartline has no client API; hactl's rights come from the control socket's groups"),
            Map.entry("watchdog", "the systemd unit's watchdog (WatchdogSec) watches the daemon"),
            Map.entry("autojoin", "heartline's nodes are listed in the config"),
            Map.entry("realtime", "timing.realtime-priority sets the heartbeat threads' priority"),
            Map.entry("compression", "heartline's beacons are small and not compressed"),
            Map.entry("compression_threshold", "heartline's beacons are small and not compressed"),
            Map.entry("traditional_compression", "heartline's beacons are small and not compressed"),
            Map.entry("msgfmt", "heartline has its own beacon format"),
            Map.entry("hopfudge", "heartline does not forward beacons"),
            Map.entry("hbgenmethod", "heartline keeps its epochs in state-dir"),
            Map.entry("coredumps", "core dumps are the system's setting"),
            Map.entry("uuidfrom", "heartline names nodes by their name"));

    private HeartbeatReasons() {
    }

    static String why(String directive) {
        return WHY.getOrDefault(directive, "an ha.cf directive with no heartline equivalent");
    }
}
