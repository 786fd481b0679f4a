package io.heartline.hactl.migrate;

import io.heartline.hactl.migrate.HaCf.Directive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code hactl import heartbeat}: heartbeat's ha.cf, haresources and authkeys → heartline.conf.
 * ha.cf gives the nodes, the timing ({@link HaCfTiming}), the media and the failback rule; each
 * haresources line becomes a group whose IP addresses are VIPs and whose other resources are kept
 * in order, as heartbeat scripts from {@code resource.d} or LSB services; authkeys' key cannot be
 * reused and is reported.
 */
public final class HeartbeatImport {
    /** Where heartbeat keeps its resource scripts; heartline runs them from there unless told otherwise. */
    static final Path HEARTBEAT_RESOURCE_D = Path.of("/etc/ha.d/resource.d");
    /** heartbeat's own resource.d scripts, and those other packages put there (ldirectord, drbd). */
    static final Set<String> RESOURCE_D = Set.of("AudibleAlarm", "Delay", "Filesystem", "ICP", "IPaddr", "IPaddr2", "IPsrcaddr",
            "IPv6addr", "LVM", "LinuxSCSI", "MailTo", "OCF", "Raid1", "SendArp", "ServeRAID", "WAS", "WinPopup", "Xinetd", "apache",
            "db2", "hto-mapfuncs", "ids", "portblock", "ldirectord", "LVSSyncDaemonSwap", "drbddisk", "drbdupper");
    private static final Set<String> IP_RESOURCES = Set.of("IPaddr", "IPaddr2", "IPv6addr");

    private final Path dir;
    private final ImportOptions options;
    private final ImportReport report;
    private final ClusterPlan plan = new ClusterPlan();
    private String defaultInterface;
    private boolean scripts;

    private HeartbeatImport(Path dir, ImportOptions options, ImportReport report) {
        this.dir = dir;
        this.options = options;
        this.report = report;
    }

    public static ClusterPlan run(Path dir, ImportOptions options, ImportReport report) throws ImportRefused {
        if (!Files.isDirectory(dir)) {
            throw ImportRefused.input(dir + ": not a directory (give heartbeat's configuration directory, e.g. /etc/ha.d)");
        }
        Path haCf = SourceText.find(dir, "ha.cf");
        Path haresources = SourceText.find(dir, "haresources");
        if (haCf == null || haresources == null) {
            throw ImportRefused.input(dir + ": no " + (haCf == null ? "ha.cf" : "haresources") + " (or .gz) in it");
        }
        HaCf cf = HaCf.parse(SourceText.read(haCf, haCf.toString()));
        Haresources res = Haresources.parse(SourceText.read(haresources, haresources.toString()), report);
        return new HeartbeatImport(dir, options, report).map(cf, res, haresources.toString());
    }

    private ClusterPlan map(HaCf cf, Haresources res, String resName) throws ImportRefused {
        plan.tool = "hactl import heartbeat";
        plan.source = dir.toString();
        Directive crm = cf.last("crm") != null ? cf.last("crm") : cf.last("pacemaker");
        if (crm != null && !List.of("no", "off", "false", "0", "n").contains(String.valueOf(crm.arg(0)).toLowerCase(Locale.ROOT))) {
            throw ImportRefused.input(crm.origin().where() + ": crm " + crm.arg(0) + ": the resources are in Pacemaker's CIB, not"
                    + " haresources; heartline cannot import a CIB");
        }
        if (res.groups().isEmpty()) {
            throw ImportRefused.input(resName + " has no resource group (every line is a comment or empty): nothing to move");
        }
        Set<Directive> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Directive d : cf.all("node")) {
            used.add(d);
            for (String n : d.args()) {
                if (!Names.NAME.matcher(n).matches()) {
                    throw ImportRefused.input(d.origin().where() + ": '" + n + "' cannot be a heartline node name"
                            + " (letters, digits, '.', '_', '-')");
                }
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        media(cf, used);
        if (plan.media.isEmpty()) {
            throw ImportRefused.input(cf.directives().isEmpty() ? dir + "/ha.cf has no directive" : dir + "/ha.cf has no heartbeat medium"
                    + " (bcast, mcast, ucast or serial): heartline needs at least one");
        }
        List<String> unicast = new ArrayList<>();
        for (Directive d : cf.all("ucast")) {
            if (Addresses.isIp(d.arg(1))) {
                unicast.add(d.arg(1));
            }
        }
        Map<String, String> nodes = Membership.resolve(options.self(), options.peers(),
                new Membership.FromFile(dir + "/ha.cf", names, null, unicast), report);
        plan.self = options.self().name();
        HaCfTiming.apply(cf, plan, used, report);
        failback(cf, used);
        Map<String, Integer> preferred = groups(res, nodes);
        if (plan.groups.isEmpty()) {
            throw ImportRefused.input(resName + ": no line has a usable resource (an IP address, a script, a service): nothing to move");
        }
        priorities(nodes, preferred);
        plan.resourceDir = options.resourceDir() != null ? options.resourceDir() : scripts ? HEARTBEAT_RESOURCE_D : null;
        if (scripts && options.resourceDir() == null) {
            report.note("resource-dir = " + HEARTBEAT_RESOURCE_D + ": heartbeat's scripts stay where heartbeat keeps them"
                    + " (keep the package's resource.d, or copy the scripts and pass --resource-dir)");
        }
        plan.initDir = options.initDir();
        authkeys();
        for (Directive d : cf.directives()) {
            if (!used.contains(d)) {
                // stonith lines carry the device's login and password: only the device type is shown
                Origin o = d.name().startsWith("stonith") ? new Origin(d.origin().file(), d.origin().line(),
                        d.name() + " " + String.join(" ", d.args().subList(0, Math.min(2, d.args().size()))) + " …") : d.origin();
                report.notMapped(o, HeartbeatReasons.why(d.name()));
            }
        }
        return plan;
    }

    private void media(HaCf cf, Set<Directive> used) {
        Set<String> names = new HashSet<>();
        Directive baud = null;
        boolean unicast = false;
        for (Directive d : cf.directives()) {
            switch (d.name()) {
                case "bcast" -> {
                    used.add(d);
                    for (String iface : d.args()) {
                        if (!Names.isInterface(iface)) {
                            report.notMapped(d.origin(), "'" + iface + "' is not an interface name");
                            continue;
                        }
                        defaultInterface = defaultInterface == null ? iface : defaultInterface;
                        plan.media.add(new ClusterPlan.Medium("multicast", Names.unique(Names.of("bcast-" + iface, "bcast"), names),
                                ClusterPlan.fields("interface", iface, "group", KeepalivedImport.MULTICAST_GROUP, "port",
                                        KeepalivedImport.MULTICAST_PORT), "bcast " + iface + " (" + d.origin().where() + ")"));
                        report.mapped(d.origin(), "a multicast medium on " + iface + " (" + KeepalivedImport.MULTICAST_GROUP + ":"
                                + KeepalivedImport.MULTICAST_PORT + "): heartline has no broadcast medium");
                    }
                }
                case "mcast" -> {
                    used.add(d);
                    java.net.InetAddress group = Addresses.parse(d.arg(1));
                    Integer port = d.arg(2) != null && d.arg(2).matches("\\d{1,5}") ? Integer.valueOf(d.arg(2)) : null;
                    if (!Names.isInterface(d.arg(0)) || group == null || !group.isMulticastAddress() || port == null || port < 1 || port > 65535) {
                        report.notMapped(d.origin(), "expected mcast INTERFACE GROUP PORT TTL LOOP with a multicast group");
                        continue;
                    }
                    defaultInterface = defaultInterface == null ? d.arg(0) : defaultInterface;
                    plan.media.add(new ClusterPlan.Medium("multicast", Names.unique(Names.of("mcast-" + d.arg(0), "mcast"), names),
                            ClusterPlan.fields("interface", d.arg(0), "group", d.arg(1), "port", port), "mcast (" + d.origin().where() + ")"));
                    if (d.args().size() > 3) {
                        report.mapped(d.origin(), "a multicast medium; TTL and loop left out (heartline's beacons stay on the link)");
                    }
                }
                case "ucast" -> {
                    used.add(d);
                    if (!Names.isInterface(d.arg(0)) || !Addresses.isIp(d.arg(1))) {
                        report.notMapped(d.origin(), "expected ucast INTERFACE ADDRESS");
                        continue;
                    }
                    defaultInterface = defaultInterface == null ? d.arg(0) : defaultInterface;
                    if (!unicast) {
                        unicast = true;
                        plan.media.add(new ClusterPlan.Medium("unicast", "unicast", ClusterPlan.fields("port", KeepalivedImport.UNICAST_PORT),
                                "ucast (" + d.origin().where() + ")"));
                    }
                    report.mapped(d.origin(), "the unicast medium: TCP port " + KeepalivedImport.UNICAST_PORT
                            + " to every node's address (heartline sends to all nodes, whatever the interface)");
                }
                case "baud" -> {
                    used.add(d);
                    baud = d;
                }
                case "serial" -> {
                    used.add(d);
                    int speed = 19200;
                    if (baud != null && baud.arg(0) != null && baud.arg(0).matches("\\d{3,6}")) {
                        speed = Integer.parseInt(baud.arg(0));
                    }
                    for (String dev : d.args()) {
                        if (!dev.startsWith("/")) {
                            report.notMapped(d.origin(), "'" + dev + "' is not a device path");
                            continue;
                        }
                        plan.media.add(new ClusterPlan.Medium("serial", Names.unique(Names.of("serial-" + Path.of(dev).getFileName(), "serial"),
                                names), ClusterPlan.fields("device", dev, "baud", speed), "serial (" + d.origin().where() + ")"));
                    }
                    if (baud == null) {
                        report.mapped(d.origin(), "a serial medium at 19200 baud, heartbeat's default (heartline's is 115200)");
                    }
                }
                case "udpport" -> {
                    used.add(d);
                    report.mapped(d.origin(), "heartline's own ports: multicast UDP " + KeepalivedImport.MULTICAST_PORT + ", unicast TCP "
                            + KeepalivedImport.UNICAST_PORT + " (open them in the firewall)");
                }
                default -> {
                }
            }
        }
    }

    private void failback(HaCf cf, Set<Directive> used) {
        Directive d = cf.last("auto_failback");
        Directive nice = cf.last("nice_failback");
        if (d == null && nice != null) {
            used.add(nice);
            boolean on = isTrue(nice.arg(0));
            plan.failback = on ? "manual" : "auto";
            report.mapped(nice.origin(), "failback = " + plan.failback);
            return;
        }
        if (d == null) {
            plan.failback = "auto";
            plan.failbackDelay = java.time.Duration.ZERO;
            report.note("no auto_failback: heartbeat's default (legacy) fails back, so failback = auto, failback-delay = 0s");
            return;
        }
        cf.all("auto_failback").forEach(used::add);
        String v = String.valueOf(d.arg(0)).toLowerCase(Locale.ROOT);
        if (v.equals("legacy") || isTrue(v)) {
            plan.failback = "auto";
            plan.failbackDelay = java.time.Duration.ZERO;
            report.mapped(d.origin(), "failback = auto, failback-delay = 0s (heartbeat moved back at once; heartline's default"
                    + " is manual, or 30s with auto: a group moving back at once flaps when the fault is not gone)");
        } else {
            plan.failback = "manual";
            report.mapped(d.origin(), "failback = manual");
        }
    }

    static boolean isTrue(String v) {
        return v != null && Set.of("on", "yes", "true", "y", "1").contains(v.toLowerCase(Locale.ROOT));
    }

    /** The groups; how many groups each node is named for. */
    private Map<String, Integer> groups(Haresources res, Map<String, String> nodes) {
        Map<String, Integer> preferred = new LinkedHashMap<>();
        Set<String> groupNames = new HashSet<>();
        for (Haresources.Line line : res.groups()) {
            if (nodes.containsKey(line.node())) {
                preferred.merge(line.node(), 1, Integer::sum);
            } else {
                report.mapped(line.origin(), "no preferred node: " + line.node() + " is not a node of ha.cf");
            }
            String base = null;
            List<ClusterPlan.Vip> vips = new ArrayList<>();
            List<ClusterPlan.Resource> resources = new ArrayList<>();
            Set<String> resourceNames = new HashSet<>();
            for (Haresources.Resource r : line.resources()) {
                String ipSpec = IP_RESOURCES.contains(r.name()) ? (r.args().isEmpty() ? null : r.args().get(0))
                        : Addresses.isIp(r.name().split("/", 2)[0]) ? r.name() : null;
                if (ipSpec != null || IP_RESOURCES.contains(r.name())) {
                    ClusterPlan.Vip vip = vip(r, ipSpec, line.origin());
                    if (vip != null) {
                        if (!resources.isEmpty()) {
                            report.mapped(line.origin(), r.text() + ": heartline adds the VIPs before the resources start,"
                                    + " not after " + resources.get(resources.size() - 1).name());
                        }
                        vips.add(vip);
                        base = base == null ? "vip-" + vip.address().substring(0, vip.address().indexOf('/')) : base;
                    }
                    continue;
                }
                ClusterPlan.Resource resource = resource(r, resourceNames, line.origin());
                if (resource != null) {
                    resources.add(resource);
                    base = base == null || base.startsWith("vip-") && resources.size() == 1 ? resource.name() : base;
                }
            }
            String name = Names.unique(Names.of(base, "group"), groupNames);
            ClusterPlan.Group g = new ClusterPlan.Group(name, "haresources " + line.origin().where() + ": preferred node " + line.node());
            for (ClusterPlan.Vip v : vips) {
                ClusterPlan.Group owner = plan.vipOwner(v.address());
                if (owner != null) {
                    report.notMapped(line.origin(), v.address() + " is already a VIP of group " + owner.name() + ": a VIP belongs to one group");
                } else {
                    g.vips.add(v);
                }
            }
            g.resources.addAll(resources);
            if (g.vips.isEmpty() && g.resources.isEmpty()) {
                report.notMapped(line.origin(), "nothing usable on this line: no group");
                continue;
            }
            plan.groups.add(g);
            report.mapped(line.origin(), "group " + name + " (" + g.vips.size() + " VIPs, " + g.resources.size() + " resources)");
        }
        return preferred;
    }

    /** {@code ADDRESS[/PREFIX|/NETMASK][/INTERFACE][/BROADCAST]} */
    private ClusterPlan.Vip vip(Haresources.Resource r, String spec, Origin origin) {
        if (spec == null) {
            report.notMapped(origin, r.text() + ": no address");
            return null;
        }
        String[] parts = spec.split("/");
        String address = parts[0];
        String mask = parts.length > 1 && (parts[1].matches("\\d{1,3}") || Addresses.isIp(parts[1])) ? parts[1] : null;
        String iface = null;
        List<String> leftOut = new ArrayList<>();
        for (int i = mask == null ? 1 : 2; i < parts.length; i++) {
            if (Names.isInterface(parts[i]) && !Addresses.isIp(parts[i]) && iface == null) {
                iface = parts[i];
            } else {
                leftOut.add(parts[i]);
            }
        }
        String cidr = Addresses.cidr(mask == null ? address : address + "/" + mask);
        if (cidr == null) {
            report.notMapped(origin, r.text() + ": not an IP address with a usable netmask");
            return null;
        }
        List<String> guessed = new ArrayList<>();
        if (mask == null) {
            guessed.add("prefix " + cidr.substring(cidr.indexOf('/')) + " (heartbeat took the netmask of the route to it)");
        }
        if (iface == null) {
            iface = defaultInterface != null ? defaultInterface : "eth0";
            guessed.add("interface " + iface + " (heartbeat took the interface with a route to it)");
        }
        if (!guessed.isEmpty()) {
            report.mapped(origin, r.text() + " -> VIP " + cidr + " with " + String.join(" and ", guessed) + ": check it");
        }
        if (!leftOut.isEmpty()) {
            report.mapped(origin, r.text() + " -> VIP " + cidr + " on " + iface + "; '" + String.join("/", leftOut)
                    + "' left out (heartline adds the address with its prefix only, no broadcast address or label)");
        }
        return new ClusterPlan.Vip(cidr, iface, null);
    }

    private ClusterPlan.Resource resource(Haresources.Resource r, Set<String> taken, Origin origin) {
        if (r.name().isEmpty() || r.name().contains("/") || r.name().equals(".") || r.name().equals("..")) {
            report.notMapped(origin, r.text() + ": not a resource name");
            return null;
        }
        String name = Names.unique(Names.of(r.name(), "resource"), taken);
        Map<String, String> params = new LinkedHashMap<>();
        boolean script = RESOURCE_D.contains(r.name()) || Files.isRegularFile(dir.resolve("resource.d").resolve(r.name()));
        if (script) {
            scripts = true;
            if (!name.equals(r.name())) {
                params.put("script", r.name());
            }
            for (int i = 0; i < r.args().size(); i++) {
                params.put(Integer.toString(i + 1), r.args().get(i));
            }
            if (r.name().equals("ldirectord")) {
                report.mapped(origin, "ldirectord: kept as a script resource; it goes on managing IPVS and checking the real servers"
                        + Ldirectord.summary(dir, r.args().isEmpty() ? "ldirectord.cf" : r.args().get(0)));
            }
            return new ClusterPlan.Resource(name, "script", params, Map.of(), r.text() + " (heartbeat resource.d script)");
        }
        if (!r.args().isEmpty()) {
            report.notMapped(origin, r.text() + ": an LSB service takes no arguments; they are left out");
        }
        if (!name.equals(r.name())) {
            params.put("service", r.name());
        }
        return new ClusterPlan.Resource(name, "lsb", params, Map.of(), r.text() + " (LSB init script)");
    }

    /** The node named for the most groups is preferred (100), the others 50; with none named, no preference. */
    private void priorities(Map<String, String> nodes, Map<String, Integer> preferred) {
        String top = preferred.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        for (var e : nodes.entrySet()) {
            plan.nodes.add(new ClusterPlan.Node(e.getKey(), e.getValue(), top == null ? 0 : e.getKey().equals(top) ? 100 : 50));
        }
        if (preferred.size() > 1) {
            report.note("haresources prefers " + String.join(" and ", preferred.keySet()) + " for different groups: heartline"
                    + " prefers one node for every group, " + top);
        }
    }

    private void authkeys() throws ImportRefused {
        Path file = SourceText.find(dir, "authkeys");
        if (file == null) {
            report.note("no authkeys in " + dir + ": heartline's own key is used");
            return;
        }
        SourceText text = SourceText.read(file, file.toString());
        for (int i = 0; i < text.lines().size(); i++) {
            String line = text.lines().get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String method = t.split("\\s+").length > 1 ? t.split("\\s+")[1].toLowerCase(Locale.ROOT) : "";
            Origin o = new Origin(file.toString(), i + 1, t.split("\\s+")[0] + " " + method + (t.split("\\s+").length > 2 ? " …" : ""));
            report.mapped(o, "heartline's auth-key-file: " + (method.equals("crc") ? "crc authenticated nothing"
                    : t.startsWith("auth") ? "heartline signs every beacon with one key" : method + " keys cannot sign heartline's"
                    + " HMAC-SHA256 beacons") + " (the key itself is not copied)");
        }
    }
}
