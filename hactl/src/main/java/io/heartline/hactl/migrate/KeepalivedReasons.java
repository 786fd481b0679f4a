package io.heartline.hactl.migrate;

import java.util.Map;

/** Why a keepalived statement has no place in heartline.conf, for the import's report. */
final class KeepalivedReasons {
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("router_id", "names this node in keepalived's mail; heartline's node name is `node`"),
            Map.entry("smtp_alert", "mail goes to an smtp channel in alerts.channels, written when global_defs names"
                    + " smtp_server, notification_email_from and a notification_email address"),
            Map.entry("notification_email", "no usable address for an smtp alert channel (needs an address with '@',"
                    + " smtp_server and notification_email_from)"),
            Map.entry("notification_email_from", "no smtp alert channel written (needs smtp_server and a notification_email address)"),
            Map.entry("smtp_server", "no smtp alert channel written (needs notification_email_from and a notification_email address)"),
            Map.entry("smtp_connect_timeout", "no smtp alert channel written"),
            Map.entry("virtual_router_id", "heartline needs no router id: the cluster name and the auth key keep clusters apart"),
            Map.entry("track_interface", "not needed: heartline watches every VIP's interface (no carrier or set down on the"
                    + " owner moves the group) and its own heartbeat interfaces (a node whose own side of every heartbeat"
                    + " medium has no carrier claims nothing), through netlink link events; other interfaces are not watched"),
            Map.entry("track_file", "heartline does not watch files"),
            Map.entry("track_process", "watch a process with an LSB or heartbeat-style script as a resource with on-fail = failover"),
            Map.entry("track_bfd", "heartline has no BFD"),
            Map.entry("use_vmac", "heartline moves the VIP with gratuitous ARP, not a virtual MAC"),
            Map.entry("vmac_xmit_base", "heartline moves the VIP with gratuitous ARP, not a virtual MAC"),
            Map.entry("version", "heartline does not speak VRRP"),
            Map.entry("dont_track_primary", "heartline watches the carrier of its heartbeat interfaces, not the VIP's interface;"
                    + " there is nothing to turn off"),
            Map.entry("lvs_sync_daemon_interface", "IPVS connection sync (ipvsadm --start-daemon) is not managed: start it with"
                    + " the system on both directors"),
            Map.entry("virtual_routes", "routes that come with the VIPs: add an OCF Route resource (ocf:heartbeat:Route) to the group"),
            Map.entry("virtual_rules", "policy rules that come with the VIPs: add a script resource that adds and removes them"),
            Map.entry("static_routes", "routes keepalived sets at start: put them in the system's network configuration"),
            Map.entry("static_rules", "rules keepalived sets at start: put them in the system's network configuration"),
            Map.entry("static_ipaddress", "addresses keepalived sets at start: put them in the system's network configuration"),
            Map.entry("garp_master_refresh", "heartline sends gratuitous ARP on a claim (garp.count, garp.repeat-after), not periodically"),
            Map.entry("garp_master_refresh_repeat", "heartline sends gratuitous ARP on a claim, not periodically"),
            Map.entry("native_ipv6", "heartline does not speak VRRP"),
            Map.entry("accept", "heartline does not filter traffic to the VIPs"),
            Map.entry("no_accept", "heartline does not filter traffic to the VIPs"),
            Map.entry("debug", "heartline logs to standard output (the journal under systemd)"),
            Map.entry("sorry_server_inhibit", "heartline deletes the sorry server once a real server is back; it does not keep"
                    + " it at weight 0"),
            Map.entry("quorum", "heartline has no quorum of real servers"),
            Map.entry("quorum_up", "heartline has no quorum of real servers"),
            Map.entry("quorum_down", "heartline has no quorum of real servers"),
            Map.entry("hysteresis", "heartline has no quorum of real servers"),
            Map.entry("alpha", "heartline starts every real server as healthy, as the rules file loads it, and takes it out"
                    + " after `fall` failed checks"),
            Map.entry("omega", "heartline has no quorum of real servers"),
            Map.entry("virtualhost", "heartline's http check sends the real server's address as the Host header"),
            Map.entry("delay_before_retry", "heartline checks again an interval (delay_loop) later, not sooner: a failed real"
                    + " server goes out after `fall` intervals"),
            Map.entry("warmup", "heartline checks every real server as soon as the resource starts, then every interval"),
            Map.entry("digest", "heartline's http check tests the status (expect-status) and can look for a text in the body"
                    + " (expect-body), not an MD5 digest of the page"),
            Map.entry("regex", "heartline's http check looks for a plain text in the body (expect-body), not a regular"
                    + " expression: add it by hand if the pattern is plain text"),
            Map.entry("bindto", "heartline's checks connect from the system's choice of address"),
            Map.entry("bind_port", "heartline's checks connect from the system's choice of port"),
            Map.entry("bind_if", "heartline's checks connect from the system's choice of interface"),
            Map.entry("misc_dynamic", "heartline's command check passes or fails on its exit status; it does not set the weight"),
            Map.entry("notify_up", "heartline journals real-server-up (hactl events) and runs no script for it"),
            Map.entry("notify_down", "heartline journals real-server-down (hactl events) and runs no script for it"),
            Map.entry("UDP_CHECK", "heartline checks real servers with a TCP connect, an HTTP GET or a command (MISC_CHECK)"),
            Map.entry("PING_CHECK", "heartline checks real servers with a TCP connect, an HTTP GET or a command (MISC_CHECK)"),
            Map.entry("DNS_CHECK", "heartline checks real servers with a TCP connect, an HTTP GET or a command (MISC_CHECK)"),
            Map.entry("BFD_CHECK", "heartline has no BFD"),
            Map.entry("FILE_CHECK", "heartline does not watch files"),
            Map.entry("virtual_server_group", "write the virtual servers out one by one (virtual_server ADDRESS PORT)"),
            Map.entry("notify_stop", "heartline's daemon-stop alert goes to every channel; notify_stop scripts are not called"),
            Map.entry("notify_deleted", "heartline has no deleted state"),
            Map.entry("net_namespace", "heartline runs in the namespace it is started in"),
            Map.entry("vrrp_track_process", "watch a process with an LSB or heartbeat-style script as a resource"),
            Map.entry("global_tracking", "heartline does not track interfaces or scripts per group"));

    private KeepalivedReasons() {
    }

    /** Why {@code s} is not mapped, inside a block whose keyword is {@code within} (null at the top). */
    static String why(Stmt s, String within) {
        if ("MISC_CHECK".equals(within) && s.keyword().equals("user")) {
            return "the check's program runs as the daemon's user";
        }
        String why = WHY.get(s.keyword());
        if (why != null) {
            return why;
        }
        if (within == null) {
            return "not a keepalived section heartline maps (vrrp_instance, vrrp_sync_group, vrrp_script, virtual_server,"
                    + " global_defs)";
        }
        return switch (within) {
            case "global_defs" -> "a keepalived global setting with no heartline equivalent";
            case "vrrp_instance", "vrrp_sync_group" -> "a VRRP setting with no heartline equivalent";
            case "virtual_server", "real_server" -> "not mapped to the IPVS rules or the real-server checks";
            case "TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "MISC_CHECK", "url", "host" ->
                    "a checker setting heartline's real-server checks do not have";
            default -> "no heartline equivalent";
        };
    }
}
