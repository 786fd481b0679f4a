package io.heartline.core.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code groups = [ { name, vips = [ { address = "10.0.0.10/24", interface = eth0 } ],
 * resources = [ ... ] } ]}: at least one group, each with a unique name and at least one VIP or
 * resource; a VIP belongs to one group only. Resources are sections, checked by the resources module.
 */
final class GroupsSection {
    private GroupsSection() {
    }

    static List<GroupConfig> parse(ConfigReader r) {
        List<GroupConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<InetAddress, String> vipOwners = new HashMap<>();
        for (ConfigReader g : r.objects("groups")) {
            g.onlyKeys(Set.of("name", "vips", "resources"));
            String name = g.string("name", ConfigParser.NAME, "a valid group name");
            if (name != null && !names.add(name)) {
                g.problem("name", "group '" + name + "' is defined twice");
            }
            List<VipConfig> vips = new ArrayList<>();
            for (ConfigReader v : g.has("vips") ? g.objects("vips") : List.<ConfigReader>of()) {
                VipConfig vip = vip(v);
                if (vip == null) {
                    continue;
                }
                String other = vipOwners.putIfAbsent(vip.address(), name);
                if (other != null) {
                    v.problem("address", vip.address().getHostAddress() + " is already a VIP of group '" + other + "'");
                }
                vips.add(vip);
            }
            List<SectionConfig> resources = g.has("resources") ? g.sections("resources") : List.of();
            if (vips.isEmpty() && resources.isEmpty() && r.problems().isEmpty()) {
                g.problem("vips", "a group needs at least one VIP or resource");
            }
            if (name != null) {
                out.add(new GroupConfig(name, vips, resources));
            }
        }
        if (r.has("groups") && out.isEmpty() && r.problems().isEmpty()) {
            r.problem("groups", "at least one group is needed");
        }
        return out;
    }

    private static VipConfig vip(ConfigReader v) {
        v.onlyKeys(Set.of("address", "interface"));
        String cidr = v.string("address");
        String iface = v.string("interface", ConfigParser.IFACE, "an interface name");
        v.checkInterface("interface", iface);
        if (cidr == null || iface == null) {
            return null;
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            v.problem("address", "'" + cidr + "' needs a prefix length, e.g. 10.0.0.10/24");
            return null;
        }
        InetAddress address = v.parseAddress("address", cidr.substring(0, slash));
        if (address == null) {
            return null;
        }
        int max = address.getAddress().length * 8;
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 1 || prefix > max) {
                throw new NumberFormatException();
            }
            return new VipConfig(address, prefix, iface);
        } catch (NumberFormatException e) {
            v.problem("address", "'" + cidr + "' has a bad prefix length (1.." + max + ")");
            return null;
        }
    }
}
