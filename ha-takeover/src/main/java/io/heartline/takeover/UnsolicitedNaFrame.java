package io.heartline.takeover;

import java.net.Inet6Address;
import java.nio.ByteBuffer;

/**
 * An IPv6 unsolicited neighbour advertisement (RFC 4861 §7.2.6), the IPv6 counterpart of a
 * gratuitous ARP: from the VIP to all-nodes ff02::1, hop limit 255, Override flag set,
 * Solicited clear, with our MAC as target link-layer address. A Linux neighbour updates an
 * existing entry for the VIP from it. 86 bytes. Pure.
 *
 * <pre>
 *  0 dst 33:33:00:00:00:01   6 src MAC   12 ethertype 0x86DD
 * 14 IPv6: version 6, payload 32, next header 58 (ICMPv6), hop limit 255, src VIP, dst ff02::1
 * 54 ICMPv6: type 136, code 0, checksum, flags 0x20000000 (O), target VIP,
 *    option 2 (target link-layer address), length 1 (8 bytes), MAC
 * </pre>
 */
final class UnsolicitedNaFrame {
    static final int LENGTH = 86;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final int ICMPV6 = 58;
    private static final int ICMP_LENGTH = 32;

    private UnsolicitedNaFrame() {
    }

    static byte[] build(byte[] mac, Inet6Address ip) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must have 6 bytes, not " + mac.length);
        }
        byte[] addr = ip.getAddress();
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(ALL_NODES_MAC).put(mac).putShort((short) ETHERTYPE_IPV6);
        b.putInt(0x60000000).putShort((short) ICMP_LENGTH).put((byte) ICMPV6).put((byte) 255);
        b.put(addr).put(ALL_NODES);
        int icmp = b.position();
        b.put((byte) 136).put((byte) 0).putShort((short) 0).putInt(0x20000000).put(addr);
        b.put((byte) 2).put((byte) 1).put(mac);
        b.putShort(icmp + 2, checksum(addr, b.array(), icmp));
        return b.array();
    }

    /** ICMPv6 checksum over the pseudo-header (src, dst, length, next header) and the message. */
    static short checksum(byte[] src, byte[] frame, int icmpOffset) {
        long sum = 0;
        sum += sum16(src, 0, 16) + sum16(ALL_NODES, 0, 16) + ICMP_LENGTH + ICMPV6;
        sum += sum16(frame, icmpOffset, ICMP_LENGTH);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private static long sum16(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = off; i < off + len; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        return sum;
    }
}
