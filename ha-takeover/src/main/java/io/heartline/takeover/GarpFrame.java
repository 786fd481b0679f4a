package io.heartline.takeover;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * A gratuitous ARP in the request form, as Linux {@code arping -U} sends it: broadcast
 * Ethernet frame, op 1, sender = target = the VIP, sender MAC ours, target MAC ff:ff:ff:ff:ff:ff.
 * A neighbour with {@code arp_accept=0} updates an existing entry for the VIP from it. Pure.
 *
 * <pre>
 *  0 dst ff:ff:ff:ff:ff:ff   6 src MAC   12 ethertype 0x0806
 * 14 htype 1   16 ptype 0x0800   18 hlen 6   19 plen 4   20 op 1 (request)
 * 22 sha MAC   28 spa VIP   32 tha ff:ff:ff:ff:ff:ff   38 tpa VIP   42..59 zero padding
 * </pre>
 */
final class GarpFrame {
    static final int LENGTH = 60;
    static final int ETHERTYPE_ARP = 0x0806;
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private GarpFrame() {
    }

    static byte[] build(byte[] mac, Inet4Address ip) {
        return build(mac, ip, 1);
    }

    /**
     * The reply form (op 2) when {@code op} is 2: some hosts and switches (kube-vip #80) update
     * their tables only from replies, others only from requests, so a re-announce sends both.
     */
    static byte[] build(byte[] mac, Inet4Address ip, int op) {
        if (op != 1 && op != 2) {
            throw new IllegalArgumentException("ARP op must be 1 (request) or 2 (reply), not " + op);
        }
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must have 6 bytes, not " + mac.length);
        }
        byte[] addr = ip.getAddress();
        ByteBuffer b = ByteBuffer.allocate(LENGTH); // big-endian: network order
        b.put(BROADCAST).put(mac).putShort((short) ETHERTYPE_ARP);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op);
        b.put(mac).put(addr).put(BROADCAST).put(addr);
        return b.array();
    }
}
