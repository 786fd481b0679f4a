package io.heartline.hactl.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VRRP part of a keepalived.conf read into values: each {@code vrrp_instance} and
 * {@code vrrp_sync_group}. Reading marks the statements it understood; a value it cannot read is
 * reported and left out.
 */
final class VrrpConf {
    /** A VIP line of {@code virtual_ipaddress}: the address with its prefix and the interface ({@code dev}, or the instance's). */
    record Vip(Origin origin, String cidr, String iface) {
    }

    /** {@code notify_master "/path args"}: the kind of notification and the command. */
    record Notify(Origin origin, String kind, String command) {
    }

    /** {@code track_script { NAME [weight W] }} */
    record Track(Stmt line, String script, Integer weight) {
    }

    record Instance(Stmt stmt, String name, String iface, boolean master, Integer priority, Duration advert, boolean nopreempt,
                    Duration preemptDelay, List<Vip> vips, List<String> unicastPeers, String unicastSrc, String mcastSrc,
                    List<Notify> notifies, boolean smtpAlert, Duration garpDelay, Integer garpRepeat, List<Track> tracks) {
    }

    record SyncGroup(Stmt stmt, String name, List<String> members, List<Notify> notifies, boolean smtpAlert) {
    }

    private VrrpConf() {
    }

    static Instance instance(Stmt s, ImportReport report) {
        String name = s.arg(0) == null ? "VI" : s.arg(0);
        String iface = null;
        boolean master = false;
        Integer priority = null;
        Duration advert = null;
        boolean nopreempt = false;
        Duration preemptDelay = null;
        List<Stmt> vipBlocks = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        String unicastSrc = null;
        String mcastSrc = null;
        List<Notify> notifies = new ArrayList<>();
        boolean smtp = false;
        Duration garpDelay = null;
        Integer garpRepeat = null;
        List<Track> tracks = new ArrayList<>();
        for (Stmt c : s.block()) {
            switch (c.keyword()) {
                case "interface" -> {
                    if (Names.isInterface(c.use().arg(0))) {
                        iface = c.arg(0);
                    } else {
                        report.notMapped(c.origin(), "'" + c.arg(0) + "' is not an interface name");
                    }
                }
                case "state" -> {
                    if ("MASTER".equalsIgnoreCase(c.use().arg(0)) || "BACKUP".equalsIgnoreCase(c.arg(0))) {
                        master = "MASTER".equalsIgnoreCase(c.arg(0));
                    } else {
                        report.notMapped(c.origin(), "state is MASTER or BACKUP");
                    }
                }
                case "priority" -> priority = integer(c, 0, 255, report);
                case "advert_int" -> advert = seconds(c, report);
                case "nopreempt" -> nopreempt = c.use() != null;
                case "preempt" -> c.use();
                case "authentication" -> {
                    c.use().block().forEach(Stmt::use);
                    report.mapped(new Origin(c.origin().file(), c.origin().line(), "authentication"), "heartline's auth-key-file:"
                            + " VRRP's password cannot sign heartline's beacons (HMAC-SHA256); it is not copied");
                }
                case "preempt_delay" -> preemptDelay = seconds(c, report);
                case "virtual_ipaddress", "virtual_ipaddress_excluded" -> vipBlocks.add(c.use());
                case "unicast_peer" -> {
                    c.use();
                    for (Stmt p : c.block()) {
                        if (Addresses.isIp(p.keyword())) {
                            peers.add(p.use().keyword());
                        }
                    }
                }
                case "unicast_src_ip" -> unicastSrc = address(c);
                case "mcast_src_ip" -> mcastSrc = address(c);
                case "notify_master", "notify_backup", "notify_fault", "notify" -> notifies.add(notify(c));
                case "smtp_alert" -> smtp = c.use() != null;
                case "garp_master_delay" -> garpDelay = seconds(c, report);
                case "garp_master_repeat" -> garpRepeat = integer(c, 0, 100, report);
                case "track_script" -> {
                    c.use();
                    for (Stmt t : c.block()) {
                        Integer w = null;
                        if ("weight".equals(t.arg(0)) && t.arg(1) != null && t.arg(1).matches("-?\\d{1,3}")) {
                            w = Integer.valueOf(t.arg(1));
                        }
                        tracks.add(new Track(t, t.keyword(), w));
                    }
                }
                default -> {
                }
            }
        }
        List<Vip> vips = new ArrayList<>();
        for (Stmt block : vipBlocks) {
            for (Stmt v : block.block()) {
                Vip vip = vip(v, iface, report);
                if (vip != null) {
                    vips.add(vip);
                }
            }
        }
        return new Instance(s, name, iface, master, priority, advert, nopreempt, preemptDelay, vips, peers, unicastSrc, mcastSrc,
                notifies, smtp, garpDelay, garpRepeat, tracks);
    }

    static SyncGroup syncGroup(Stmt s) {
        List<String> members = new ArrayList<>();
        List<Notify> notifies = new ArrayList<>();
        boolean smtp = false;
        for (Stmt c : s.block()) {
            switch (c.keyword()) {
                case "group" -> {
                    c.use();
                    for (Stmt m : c.block()) {
                        m.use();
                        members.add(m.keyword());
                        members.addAll(m.args());
                    }
                }
                case "notify_master", "notify_backup", "notify_fault", "notify" -> notifies.add(notify(c));
                case "smtp_alert" -> smtp = c.use() != null;
                default -> {
                    // the old form lists the instances directly: vrrp_sync_group G { VI_1 VI_2 }
                    if (!c.hasBlock() && c.keyword().matches("[A-Za-z0-9_.-]+") && !c.keyword().contains("_check")
                            && !c.keyword().startsWith("notify") && !c.keyword().startsWith("track")) {
                        c.use();
                        members.add(c.keyword());
                        members.addAll(c.args());
                    }
                }
            }
        }
        return new SyncGroup(s, s.arg(0) == null ? "G" : s.arg(0), members, notifies, smtp);
    }

    private static Vip vip(Stmt v, String instanceIface, ImportReport report) {
        String cidr = Addresses.cidr(v.keyword());
        if (cidr == null) {
            report.notMapped(v.use().origin(), "not an IP address with an optional prefix length");
            return null;
        }
        String iface = instanceIface;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < v.args().size(); i++) {
            String a = v.args().get(i);
            if (a.equals("dev") && i + 1 < v.args().size()) {
                iface = v.args().get(++i);
            } else {
                rest.add(a);
            }
        }
        v.use();
        if (!Names.isInterface(iface)) {
            report.notMapped(v.origin(), "no interface for this VIP (no 'dev' and no usable 'interface' in the instance)");
            return null;
        }
        if (!rest.isEmpty()) {
            report.mapped(v.origin(), "VIP " + cidr + " on " + iface + "; '" + String.join(" ", rest)
                    + "' left out (heartline adds the address with its prefix only, no label, scope or broadcast)");
        } else if (!v.keyword().contains("/")) {
            report.mapped(v.origin(), "VIP " + cidr + " (keepalived's default prefix for an address without one)");
        }
        return new Vip(v.origin(), cidr, iface);
    }

    private static Notify notify(Stmt c) {
        c.use();
        return new Notify(c.origin(), c.keyword(), String.join(" ", c.args()));
    }

    private static Integer integer(Stmt c, int min, int max, ImportReport report) {
        String a = c.arg(0);
        if (a != null && a.matches("\\d{1,9}") && Integer.parseInt(a) >= min && Integer.parseInt(a) <= max) {
            c.use();
            return Integer.valueOf(a);
        }
        report.notMapped(c.use().origin(), "'" + a + "' is not a whole number " + min + ".." + max);
        return null;
    }

    /** keepalived's times in seconds, fractions allowed ({@code advert_int 0.5}). */
    private static Duration seconds(Stmt c, ImportReport report) {
        String a = c.arg(0);
        if (a != null && a.matches("\\d{1,6}(\\.\\d{1,6})?")) {
            c.use();
            return Duration.ofNanos(Math.round(Double.parseDouble(a) * 1e9)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
        report.notMapped(c.use().origin(), "'" + a + "' is not a number of seconds");
        return null;
    }

    private static String address(Stmt c) {
        return Addresses.isIp(c.arg(0)) ? c.use().arg(0) : null;
    }

    /** Notify kinds in keepalived's terms → heartline's alert kinds. */
    static final Map<String, List<String>> ALERT_KINDS = new LinkedHashMap<>();

    static {
        ALERT_KINDS.put("notify_master", List.of("takeover"));
        ALERT_KINDS.put("notify_backup", List.of("release"));
        ALERT_KINDS.put("notify_fault", List.of("group-failed", "resource-failed"));
        ALERT_KINDS.put("notify", List.of("takeover", "release", "group-failed"));
    }
}
