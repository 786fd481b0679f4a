package io.heartline.hactl.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * haresources' lines → heartline's groups, one per line, named after its first resource: IP
 * addresses ({@code IPaddr}, {@code IPaddr2}, {@code IPv6addr}, bare) become VIPs, heartbeat's
 * {@code resource.d} scripts {@code script} resources with their {@code ::} arguments, anything else
 * an {@code lsb} service, in the line's order (the VIPs first: heartline adds them before the
 * resources start).
 */
final class HaresourcesGroups {
    /** heartbeat's own resource.d scripts, and those other packages put there (ldirectord, drbd). */
    static final Set<String> RESOURCE_D = Set.of("AudibleAlarm", "Delay", "Filesystem", "ICP", "IPaddr", "IPaddr2", "IPsrcaddr",
            "IPv6addr", "LVM", "LinuxSCSI", "MailTo", "OCF", "Raid1", "SendArp", "ServeRAID", "WAS", "WinPopup", "Xinetd", "apache",
            "db2", "hto-mapfuncs", "ids", "portblock", "ldirectord", "LVSSyncDaemonSwap", "drbddisk", "drbdupper");
    private static final Set<String> IP_RESOURCES = Set.of("IPaddr", "IPaddr2", "IPv6addr");

    private final Path dir;
    private final ClusterPlan plan;
    private final ImportReport report;
    private final String defaultInterface;
    private boolean scripts;

    /** {@code defaultInterface}: for a VIP that names none (heartbeat took the interface with a route to it). */
    HaresourcesGroups(Path dir, ClusterPlan plan, ImportReport report, String defaultInterface) {
        this.dir = dir;
        this.plan = plan;
        this.report = report;
        this.defaultInterface = defaultInterface;
    }

    /** Whether some resource is a heartbeat script (so resource-dir must name where they are). */
    boolean usesScripts() {
        return scripts;
    }

    /** The groups; how many groups each node is named for. */
    Map<String, Integer> map(Haresources res, Map<String, String> nodes) {
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
}
