package io.heartline.daemon.detect;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One address of this host: the interface it is on, its prefix length, and whether that interface
 * is Ethernet (a 6-byte hardware address, not loopback), so that a neighbour probe can go out on it.
 */
record LocalAddress(String iface, InetAddress address, int prefixLength, boolean ethernet) {

    /** Whether {@code other} is on this address's subnet (same family, same first {@code prefixLength} bits). */
    boolean sameSubnet(InetAddress other) {
        byte[] a = address.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length || prefixLength <= 0 || prefixLength > a.length * 8) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /**
     * This host's addresses now, as the JDK lists them, on every interface, with carrier or not: a
     * cable out at start must not take the node check off that link for good (each check reads the
     * carrier first).
     */
    static List<LocalAddress> system() {
        List<LocalAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = nif.getHardwareAddress();
                boolean ethernet = !nif.isLoopback() && mac != null && mac.length == 6;
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    out.add(new LocalAddress(nif.getName(), a.getAddress(), a.getNetworkPrefixLength(), ethernet));
                }
            }
        } catch (SocketException e) {
            return List.of(); // no list: no node check, said at start (ProbeRoutes)
        }
        return out;
    }
}
