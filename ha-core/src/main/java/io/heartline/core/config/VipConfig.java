package io.heartline.core.config;

import java.net.Inet4Address;
import java.net.InetAddress;

/** A virtual IP: address with prefix length, on a named interface ({@code 10.0.0.10/24 on eth0}). */
public record VipConfig(InetAddress address, int prefixLength, String iface) {
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** {@code 10.0.0.10/24} */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return cidr() + " dev " + iface;
    }
}
