package io.heartline.hactl.migrate;

import io.heartline.hactl.migrate.HaCf.Directive;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * ha.cf's heartbeat media → heartline's: {@code bcast IF} a multicast medium on IF (heartline has
 * no broadcast), {@code mcast} the same group and port, {@code ucast} the unicast medium (TCP to every
 * node's address), {@code serial} a serial medium at ha.cf's {@code baud} (heartbeat's default 19200).
 */
final class HaCfMedia {
    private HaCfMedia() {
    }

    /** Adds the media to {@code plan}; returns the first network medium's interface (a VIP's default), or null. */
    static String apply(HaCf cf, ClusterPlan plan, Set<Directive> used, ImportReport report) {
        String defaultInterface = null;
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
        return defaultInterface;
    }
}
