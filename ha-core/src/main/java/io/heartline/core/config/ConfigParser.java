package io.heartline.core.config;

import io.heartline.core.NodeId;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the {@code heartline { ... }} block into a {@link HeartlineConfig}, checking every rule. */
final class ConfigParser {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,14}");
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private final ConfigReader r;
    private final Path source;

    ConfigParser(ConfigReader root, Path source) {
        this.r = root;
        this.source = source;
    }

    HeartlineConfig parse() {
        r.onlyKeys(Set.of("cluster", "node", "nodes", "timing", "auth-key-file", "media", "groups",
                "failback", "failback-delay", "garp", "control-socket", "state-dir", "alerts", "fencing", "resource-dir", "init-dir",
                "metrics"));
        String cluster = r.string("cluster", NAME, "a valid cluster name (letters, digits, '.', '_', '-')");
        String self = r.string("node", NAME, "a valid node name");
        List<NodeConfig> nodes = nodes();
        NodeConfig selfNode = nodes.stream().filter(n -> n.id().name().equals(self)).findFirst().orElse(null);
        if (self != null && !nodes.isEmpty() && selfNode == null) {
            r.problem("node", "'" + self + "' is not one of the nodes in heartline.nodes");
        }
        TimingConfig timing = timing();
        Path authKey = path("auth-key-file");
        List<MediumConfig> media = media(selfNode);
        List<GroupConfig> groups = groups();
        FailbackConfig failback = failback();
        GarpConfig garp = garp();
        Path socket = path("control-socket");
        if (socket != null && socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            r.problem("control-socket", "'" + socket + "' is longer than the 107 bytes a Unix socket path may have");
        }
        Path stateDir = path("state-dir");
        List<SectionConfig> alertChannels = alertChannels();
        FencingConfig fencing = fencing();
        Path resourceDir = path("resource-dir");
        Path initDir = path("init-dir");
        MetricsConfig metrics = MetricsSection.parse(r);
        if (!r.problems().isEmpty()) {
            return null;
        }
        return new HeartlineConfig(source, cluster, new NodeId(self), nodes, timing, authKey, media, groups,
                failback, garp, socket, stateDir, alertChannels, fencing, resourceDir, initDir, metrics);
    }

    private List<NodeConfig> nodes() {
        List<NodeConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        List<ConfigReader> items = r.objects("nodes");
        for (ConfigReader n : items) {
            n.onlyKeys(Set.of("name", "address", "priority"));
            String name = n.string("name", NAME, "a valid node name (letters, digits, '.', '_', '-')");
            InetAddress address = n.address("address");
            Integer priority = n.has("priority") ? n.integer("priority", 0, 1_000_000) : Integer.valueOf(0);
            if (name != null && !names.add(name)) {
                n.problem("name", "node '" + name + "' is listed twice");
            }
            if (address != null && !addresses.add(address)) {
                n.problem("address", address.getHostAddress() + " is the address of two nodes");
            }
            if (name != null && address != null && priority != null) {
                out.add(new NodeConfig(new NodeId(name), address, priority));
            }
        }
        if (r.has("nodes") && items.isEmpty()) {
            r.problem("nodes", "at least one node is needed");
        }
        return out;
    }

    private TimingConfig timing() {
        ConfigReader t = r.object("timing");
        if (t == null) {
            return null;
        }
        t.onlyKeys(Set.of("interval", "deadtime", "warntime", "initdead", "realtime-priority"));
        Duration interval = t.duration("interval", MS, Duration.ofSeconds(10));
        Duration deadtime = t.duration("deadtime", MS, Duration.ofMinutes(10));
        Duration warntime = t.duration("warntime", MS, Duration.ofMinutes(10));
        Duration initdead = t.duration("initdead", Duration.ZERO, HOUR);
        Integer realtime = t.integer("realtime-priority", 0, 99);
        if (interval != null && deadtime != null && deadtime.compareTo(interval.multipliedBy(2)) < 0) {
            t.problem("deadtime", ConfigReader.format(deadtime) + " must be at least twice the interval ("
                    + ConfigReader.format(interval) + "), or one lost beacon is a failover");
        }
        if (warntime != null && deadtime != null && warntime.compareTo(deadtime) >= 0) {
            t.problem("warntime", ConfigReader.format(warntime) + " must be shorter than deadtime ("
                    + ConfigReader.format(deadtime) + ")");
        }
        if (interval == null || deadtime == null || warntime == null || initdead == null || realtime == null) {
            return null;
        }
        return new TimingConfig(interval, deadtime, warntime, initdead, realtime);
    }

    private List<MediumConfig> media(NodeConfig self) {
        List<MediumConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader m : r.objects("media")) {
            String type = m.string("type");
            if (type == null) {
                continue;
            }
            MediumConfig medium = switch (type) {
                case "multicast" -> multicast(m, self);
                case "unicast" -> unicast(m, self);
                case "serial" -> serial(m);
                default -> {
                    m.problem("type", "'" + type + "' is not a medium type (multicast, unicast, serial)");
                    yield null;
                }
            };
            if (medium != null && !names.add(medium.name())) {
                m.problem("name", "two media are named '" + medium.name() + "'");
            }
            if (medium != null) {
                out.add(medium);
            }
        }
        if (r.has("media") && out.isEmpty() && r.problems().isEmpty()) {
            r.problem("media", "at least one heartbeat medium is needed");
        }
        return out;
    }

    private MulticastConfig multicast(ConfigReader m, NodeConfig self) {
        m.onlyKeys(Set.of("type", "name", "interface", "group", "port", "bind-address"));
        String name = m.has("name") ? m.string("name", NAME, "a valid name") : "multicast";
        String iface = m.string("interface", IFACE, "an interface name");
        InetAddress group = m.address("group");
        if (group != null && !group.isMulticastAddress()) {
            m.problem("group", group.getHostAddress() + " is not a multicast address (224.0.0.0/4, e.g. 239.192.0.1)");
            group = null;
        }
        Integer port = m.integer("port", 1, 65535);
        InetAddress bind = m.has("bind-address") ? m.address("bind-address") : null;
        if (name == null || iface == null || group == null || port == null || (m.has("bind-address") && bind == null)) {
            return null;
        }
        return new MulticastConfig(name, iface, group, port, bind);
    }

    private static final java.util.Set<Integer> BAUDS = java.util.Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600,
            115200, 230400, 460800, 921600);

    private SerialConfig serial(ConfigReader m) {
        m.onlyKeys(Set.of("type", "name", "device", "baud"));
        String name = m.has("name") ? m.string("name", NAME, "a valid name") : "serial";
        String device = m.string("device");
        if (device != null && !device.startsWith("/")) {
            m.problem("device", "'" + device + "' must be an absolute path such as /dev/ttyS0");
            device = null;
        }
        Integer baud = m.has("baud") ? m.integer("baud", 1200, 921600) : Integer.valueOf(115200);
        if (baud != null && !BAUDS.contains(baud)) {
            m.problem("baud", baud + " is not a standard baud rate " + new java.util.TreeSet<>(BAUDS));
            baud = null;
        }
        return name == null || device == null || baud == null ? null : new SerialConfig(name, device, baud);
    }

    private UnicastConfig unicast(ConfigReader m, NodeConfig self) {
        m.onlyKeys(Set.of("type", "name", "port", "bind-address"));
        String name = m.has("name") ? m.string("name", NAME, "a valid name") : "unicast";
        Integer port = m.integer("port", 1, 65535);
        InetAddress bind = bindAddress(m, self);
        if (name == null || port == null || bind == null) {
            return null;
        }
        return new UnicastConfig(name, port, bind);
    }

    private static InetAddress bindAddress(ConfigReader m, NodeConfig self) {
        if (m.has("bind-address")) {
            return m.address("bind-address");
        }
        return self == null ? null : self.address();
    }

    private List<GroupConfig> groups() {
        List<GroupConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<InetAddress, String> vipOwners = new HashMap<>();
        for (ConfigReader g : r.objects("groups")) {
            g.onlyKeys(Set.of("name", "vips", "resources"));
            String name = g.string("name", NAME, "a valid group name");
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
            List<SectionConfig> resources = g.has("resources") ? sections(g.objects("resources")) : List.of();
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
        String iface = v.string("interface", IFACE, "an interface name");
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

    private FailbackConfig failback() {
        FailbackConfig.Mode mode = r.enumValue("failback", FailbackConfig.Mode.class);
        Duration delay = r.duration("failback-delay", Duration.ZERO, Duration.ofDays(1));
        return mode == null || delay == null ? null : new FailbackConfig(mode, delay);
    }

    private GarpConfig garp() {
        ConfigReader g = r.object("garp");
        if (g == null) {
            return null;
        }
        g.onlyKeys(Set.of("count", "spacing", "repeat-after"));
        Integer count = g.integer("count", 0, 100);
        Duration spacing = g.duration("spacing", Duration.ZERO, Duration.ofSeconds(10));
        Duration repeat = g.duration("repeat-after", Duration.ZERO, Duration.ofMinutes(10));
        return count == null || spacing == null || repeat == null ? null : new GarpConfig(count, spacing, repeat);
    }

    /** {@code fencing = off}, or {@code fencing { delay, timeout, devices = [...] }}; required, never implied. */
    private FencingConfig fencing() {
        if (!r.has("fencing")) {
            r.problem("fencing", "missing: configure fence devices, or write 'fencing = off' to accept that a "
                    + "partition can end with two owners");
            return null;
        }
        String asString = r.has("fencing") && r.isString("fencing") ? r.string("fencing") : null;
        if (asString != null) {
            if (asString.equals("off")) {
                return FencingConfig.OFF;
            }
            r.problem("fencing", "'" + asString + "' must be 'off' or an object { devices = [ ... ] }");
            return null;
        }
        ConfigReader f = r.object("fencing");
        if (f == null) {
            return null;
        }
        f.onlyKeys(Set.of("delay", "timeout", "devices"));
        Duration delay = f.has("delay") ? f.duration("delay", Duration.ZERO, Duration.ofMinutes(10)) : Duration.ofSeconds(5);
        Duration timeout = f.has("timeout") ? f.duration("timeout", Duration.ofSeconds(1), Duration.ofHours(1))
                : Duration.ofSeconds(60);
        List<SectionConfig> devices = sections(f.objects("devices"));
        if (devices.isEmpty() && f.problems().isEmpty()) {
            f.problem("devices", "at least one fence device is needed (or write 'fencing = off')");
        }
        return delay == null || timeout == null ? null : new FencingConfig(true, delay, timeout, devices);
    }

    /** {@code alerts { channels = [ { type = kannel, name = sms, ... } ] }}: checked by the alerts module. */
    private List<SectionConfig> alertChannels() {
        if (!r.has("alerts")) {
            return List.of();
        }
        ConfigReader alerts = r.object("alerts");
        if (alerts == null) {
            return List.of();
        }
        alerts.onlyKeys(Set.of("channels"));
        return sections(alerts.objects("channels"));
    }

    private List<SectionConfig> sections(List<ConfigReader> items) {
        List<SectionConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader item : items) {
            SectionConfig section = item.section();
            if (section == null) {
                continue;
            }
            if (!names.add(section.name())) {
                item.problem("name", "two entries are named '" + section.name() + "'");
            }
            out.add(section);
        }
        return out;
    }

    private Path path(String key) {
        String s = r.string(key);
        if (s == null) {
            return null;
        }
        if (!s.startsWith("/")) {
            r.problem(key, "'" + s + "' must be an absolute path");
            return null;
        }
        return Path.of(s);
    }
}
