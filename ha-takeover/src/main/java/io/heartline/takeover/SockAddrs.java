package io.heartline.takeover;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Builds the C structs passed to socket calls, as bytes in host order (pure, no JNA). */
final class SockAddrs {
    static final int IFNAMSIZ = 16;
    static final int IFREQ_SIZE = 40;

    private SockAddrs() {
    }

    /** {@code struct sockaddr_nl} of the kernel: family AF_NETLINK, pid 0, no groups. */
    static byte[] netlinkKernel() {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(0).array();
    }

    /** {@code struct sockaddr_nl} to bind to: family AF_NETLINK, pid 0 (the kernel picks), {@code groups}. */
    static byte[] netlinkGroups(int groups) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups).array();
    }

    /**
     * {@code struct sockaddr_ll} for sending to {@code destMac} on {@code ifindex};
     * {@code ethertype} goes in network order, the rest in host order.
     */
    static byte[] packet(int ifindex, int ethertype, byte[] destMac) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) ethertype).order(ByteOrder.nativeOrder());
        b.putInt(ifindex);
        b.putShort((short) 1);          // sll_hatype ARPHRD_ETHER
        b.put((byte) 0);                // sll_pkttype
        b.put((byte) destMac.length);   // sll_halen
        b.put(destMac);                 // sll_addr[8], rest zero
        return b.array();
    }

    /**
     * {@code struct sockaddr_in} (16 bytes) or {@code struct sockaddr_in6} (28 bytes, flow 0,
     * scope of a link-local address) for {@code address}: family in host order, port in network order.
     */
    static byte[] inet(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        boolean v6 = ip.length == 16;
        ByteBuffer b = ByteBuffer.allocate(v6 ? 28 : 16).order(ByteOrder.nativeOrder());
        b.putShort((short) (v6 ? LibC.AF_INET6 : LibC.AF_INET));
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort()).order(ByteOrder.nativeOrder());
        if (v6) {
            b.putInt(0).put(ip).putInt(((Inet6Address) address.getAddress()).getScopeId());
        } else {
            b.put(ip);
        }
        return b.array();
    }

    /** {@code struct timeval} (two 64-bit longs) for SO_RCVTIMEO. */
    static byte[] timeval(Duration d) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .putLong(d.getSeconds()).putLong(d.getNano() / 1000).array();
    }

    /** {@code struct ifreq} with the interface name filled in, the union zeroed. */
    static byte[] ifreq(String iface) {
        byte[] name = iface.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name too long: '" + iface + "'");
        }
        byte[] req = new byte[IFREQ_SIZE];
        System.arraycopy(name, 0, req, 0, name.length);
        return req;
    }
}
