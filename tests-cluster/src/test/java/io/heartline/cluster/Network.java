package io.heartline.cluster;

import java.util.regex.Pattern;

/**
 * One named layer-2 network of a lab: a bridge in the switch namespace and, in every host
 * that joins it, an interface {@link #iface} with the address {@code subnet.HOST/24}.
 *
 * @param name    short name, also the bridge's suffix ({@code br-NAME}); at most 8 characters
 * @param iface   the interface name inside each host, e.g. {@code eth0}
 * @param subnet  the first three octets of a /24 in 10.0.0.0/8, e.g. {@code 10.77.0}
 * @param clients whether client hosts join this network (nodes join every network)
 */
public record Network(String name, String iface, String subnet, boolean clients) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");
    private static final Pattern IFACE = Pattern.compile("[a-z][a-z0-9]{0,9}");
    private static final Pattern PRIVATE_SUBNET =
            Pattern.compile("10\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    /** The service network: nodes, clients and the VIPs. */
    public static final Network LAN = new Network("lan", "eth0", "10.77.0", true);
    /** A second, node-only network for heartbeats. */
    public static final Network HEARTBEAT = new Network("hb", "eth1", "10.78.0", false);

    public Network {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("network name must match " + NAME + ": " + name);
        }
        if (!IFACE.matcher(iface).matches()) {
            throw new IllegalArgumentException("interface name must match " + IFACE + ": " + iface);
        }
        if (!PRIVATE_SUBNET.matcher(subnet).matches()) {
            throw new IllegalArgumentException("subnet must be the first three octets of a /24 in 10.0.0.0/8: " + subnet);
        }
    }

    /** The bridge in the switch namespace. */
    public String bridge() {
        return "br-" + name;
    }

    /** {@code subnet.octet}, e.g. 10.77.0.1. */
    public String address(int octet) {
        return subnet + "." + octet;
    }

    /** {@code subnet.octet/24}. */
    public String cidr(int octet) {
        return address(octet) + "/24";
    }
}
