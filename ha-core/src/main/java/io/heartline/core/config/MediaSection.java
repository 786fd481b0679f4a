package io.heartline.core.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code media = [ { type = multicast | unicast | serial | udp, ... } ]}: at least one medium,
 * each name unique (the name defaults to the type). A unicast medium, and a udp medium without a
 * {@code group}, binds to this node's own address unless it names a {@code bind-address}.
 */
final class MediaSection {
    private static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600,
            115200, 230400, 460800, 921600);

    private MediaSection() {
    }

    /** {@code self} is this node's entry of {@code nodes}, or null when it is not there (already reported). */
    static List<MediumConfig> parse(ConfigReader r, NodeConfig self) {
        List<MediumConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader m : r.objects("media")) {
            String type = m.string("type");
            if (type == null) {
                continue;
            }
            MediumConfig medium = switch (type) {
                case "multicast" -> multicast(m);
                case "unicast" -> unicast(m, self);
                case "serial" -> serial(m);
                case "udp" -> udp(m, self);
                default -> {
                    m.problem("type", "'" + type + "' is not a medium type (multicast, unicast, serial, udp)");
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

    private static MulticastConfig multicast(ConfigReader m) {
        m.onlyKeys(Set.of("type", "name", "interface", "group", "port", "bind-address"));
        String name = m.has("name") ? m.string("name", ConfigParser.NAME, "a valid name") : "multicast";
        String iface = m.string("interface", ConfigParser.IFACE, "an interface name");
        m.checkInterface("interface", iface);
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

    private static SerialConfig serial(ConfigReader m) {
        m.onlyKeys(Set.of("type", "name", "device", "baud"));
        String name = m.has("name") ? m.string("name", ConfigParser.NAME, "a valid name") : "serial";
        String device = m.string("device");
        if (device != null && !device.startsWith("/")) {
            m.problem("device", "'" + device + "' must be an absolute path such as /dev/ttyS0");
            device = null;
        }
        Integer baud = m.has("baud") ? m.integer("baud", 1200, 921600) : Integer.valueOf(115200);
        if (baud != null && !BAUDS.contains(baud)) {
            m.problem("baud", baud + " is not a standard baud rate " + new TreeSet<>(BAUDS));
            baud = null;
        }
        return name == null || device == null || baud == null ? null : new SerialConfig(name, device, baud);
    }

    private static UnicastConfig unicast(ConfigReader m, NodeConfig self) {
        m.onlyKeys(Set.of("type", "name", "port", "bind-address"));
        String name = m.has("name") ? m.string("name", ConfigParser.NAME, "a valid name") : "unicast";
        Integer port = m.integer("port", 1, 65535);
        InetAddress bind = m.has("bind-address") ? m.address("bind-address") : self == null ? null : self.address();
        if (name == null || port == null || bind == null) {
            return null;
        }
        return new UnicastConfig(name, port, bind);
    }

    /**
     * {@code { type = udp, port = P }}: one datagram to each peer's node address; with
     * {@code group = G, interface = I}: one datagram to the multicast group G joined on I.
     */
    private static UdpConfig udp(ConfigReader m, NodeConfig self) {
        m.onlyKeys(Set.of("type", "name", "port", "group", "interface", "bind-address"));
        String name = m.has("name") ? m.string("name", ConfigParser.NAME, "a valid name") : "udp";
        Integer port = m.integer("port", 1, 65535);
        InetAddress group = null;
        String iface = null;
        boolean ok = true;
        if (m.has("group")) {
            group = m.address("group");
            if (group != null && !group.isMulticastAddress()) {
                m.problem("group", group.getHostAddress() + " is not a multicast address (224.0.0.0/4, e.g. "
                        + "239.192.0.1); leave group out to send to each peer's address");
                group = null;
            }
            ok = group != null;
            if (!m.has("interface")) {
                m.problem("interface", "a udp medium with a multicast group needs the interface to join it on");
                ok = false;
            } else {
                iface = m.string("interface", ConfigParser.IFACE, "an interface name");
                m.checkInterface("interface", iface);
                ok &= iface != null;
            }
        } else if (m.has("interface")) {
            m.problem("interface", "only a udp medium with a multicast group takes an interface "
                    + "(without a group, beacons go to each peer's address)");
            ok = false;
        }
        InetAddress bind;
        if (m.has("bind-address")) {
            bind = m.address("bind-address");
            ok &= bind != null;
        } else {
            bind = group != null || self == null ? null : self.address();
            ok &= group != null || self != null;
        }
        if (name == null || port == null || !ok) {
            return null;
        }
        return new UdpConfig(name, port, group, iface, bind);
    }
}
