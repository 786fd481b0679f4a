package io.heartline.daemon.media;

import io.heartline.daemon.StartupException;
import io.heartline.daemon.loop.Inbox;
import io.heartline.core.config.AuthKey;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.MediumConfig;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.UdpConfig;
import io.heartline.core.config.UnicastConfig;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.heartbeat.JGroupsMedium;
import io.heartline.heartbeat.MediumContext;
import io.heartline.heartbeat.UdpMedium;
import io.heartline.core.ExitCode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the configured heartbeat media. */
public final class MediaService {
    private MediaService() {
    }

    public static List<HeartbeatMedium> create(HeartlineConfig c) throws StartupException {
        AuthKey key;
        try {
            key = AuthKey.loadSecret(c.authKeyFile());
        } catch (IOException e) {
            throw new StartupException(ExitCode.CONFIG, e.getMessage(), e);
        }
        MediumContext ctx = MediumContext.of(c.self(), c.nodes(), key);
        String cluster = "heartline-" + c.cluster();
        List<HeartbeatMedium> out = new ArrayList<>();
        for (MediumConfig m : c.media()) {
            if (m instanceof MulticastConfig mc) {
                out.add(JGroupsMedium.multicast(cluster, withBindAddress(mc), c.timing(), ctx));
            } else if (m instanceof UnicastConfig uc) {
                out.add(JGroupsMedium.unicast(cluster, uc, c.nodes(), c.timing(), ctx));
            } else if (m instanceof UdpConfig ud) {
                out.add(UdpMedium.of(ud, c.nodes(), ctx));
            } else if (m instanceof io.heartline.core.config.SerialConfig sc) {
                out.add(new io.heartline.heartbeat.SerialMedium(
                        new io.heartline.heartbeat.SerialLinkSettings(sc.name(), sc.device(), sc.baud()), ctx));
            } else {
                throw new StartupException(ExitCode.CONFIG, "medium '" + m.name() + "': type not supported by this daemon", null);
            }
        }
        return out;
    }

    /** Without a configured bind address, a multicast medium binds to the IPv4 address its interface has. */
    static MulticastConfig withBindAddress(MulticastConfig mc) throws StartupException {
        if (mc.bindAddress() != null) {
            return mc;
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(mc.iface());
            if (nif == null) {
                throw new StartupException(ExitCode.OSERR, "medium '" + mc.name() + "': no interface '" + mc.iface() + "'", null);
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return new MulticastConfig(mc.name(), mc.iface(), mc.group(), mc.port(), a);
                }
            }
            throw new StartupException(ExitCode.OSERR, "medium '" + mc.name() + "': interface " + mc.iface()
                    + " has no IPv4 address to bind to (set bind-address)", null);
        } catch (SocketException e) {
            throw new StartupException(ExitCode.OSERR, "medium '" + mc.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * This node's own addresses on the heartbeat networks, each once: its node address, each
     * multicast medium's bind address (configured, or its interface's IPv4 address) and each unicast
     * medium's. The two-stage detector holds its probe port open on them.
     */
    public static List<InetAddress> heartbeatAddresses(HeartlineConfig c) throws StartupException {
        java.util.Set<InetAddress> out = new java.util.LinkedHashSet<>();
        out.add(c.selfNode().address());
        for (MediumConfig m : c.media()) {
            InetAddress a = m instanceof MulticastConfig mc ? withBindAddress(mc).bindAddress()
                    : m instanceof UnicastConfig uc ? uc.bindAddress()
                    : m instanceof UdpConfig ud ? ud.bindAddress() : null;
            if (a != null && !a.isAnyLocalAddress() && !a.isMulticastAddress()) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Our own side of every network medium: its interface's carrier (serial media report their own
     * state); and every VIP's interface, for the groups with a VIP on it (interface tracking).
     * Interfaces are watched through rtnetlink events where the socket opens, else polled; the
     * clock paces the safety-net re-read of sysfs.
     */
    public static LinkWatcher watch(HeartlineConfig c, List<HeartbeatMedium> media, Inbox loop,
                                    io.heartline.core.Clock clock) {
        LinkWatcher w = new LinkWatcher(loop::post, clock, io.heartline.takeover.LinkMonitor::start);
        for (MediumConfig m : c.media()) {
            if (m instanceof MulticastConfig mc) {
                w.watchInterface(mc.name(), mc.iface());
            } else if (m instanceof UnicastConfig uc) {
                interfaceOf(uc.bindAddress()).ifPresent(iface -> w.watchInterface(uc.name(), iface));
            } else if (m instanceof UdpConfig ud && ud.multicast()) {
                w.watchInterface(ud.name(), ud.iface());
            } else if (m instanceof UdpConfig ud && ud.bindAddress() != null) {
                interfaceOf(ud.bindAddress()).ifPresent(iface -> w.watchInterface(ud.name(), iface));
            }
        }
        Map<String, List<String>> groupsByIface = new java.util.TreeMap<>();
        for (io.heartline.core.config.GroupConfig g : c.groups()) {
            g.vips().forEach(v -> {
                List<String> groups = groupsByIface.computeIfAbsent(v.iface(), k -> new java.util.ArrayList<>());
                if (!groups.contains(g.name())) {
                    groups.add(g.name());
                }
            });
        }
        groupsByIface.forEach(w::watchVipInterface);
        return w;
    }

    private static java.util.Optional<String> interfaceOf(InetAddress address) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            return java.util.Optional.ofNullable(nif).map(NetworkInterface::getName);
        } catch (SocketException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Each medium's own membership (a JGroups view, bounded), read live for status; informational
     * only, never an event. Media without such a view are absent.
     */
    public static Map<String, List<String>> members(List<HeartbeatMedium> media) {
        return new java.util.AbstractMap<>() {
            @Override
            public Set<Entry<String, List<String>>> entrySet() {
                Map<String, List<String>> now = new java.util.LinkedHashMap<>();
                for (HeartbeatMedium m : media) {
                    if (m instanceof io.heartline.heartbeat.AbstractMedium a) {
                        now.put(m.name(), a.members().names());
                    }
                }
                return now.entrySet();
            }
        };
    }
}
