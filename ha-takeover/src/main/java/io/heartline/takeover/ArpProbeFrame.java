package io.heartline.takeover;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * ARP requests that ask who holds an IPv4 address (RFC 826), and the reading of what comes
 * back. Two forms: the RFC 5227 probe, sender address 0.0.0.0, for "is this VIP in use"
 * (no neighbour learns anything from it), and the ordinary request with our own address as
 * sender, for "is this peer's kernel alive". Pure.
 *
 * <pre>
 *  0 dst ff:ff:ff:ff:ff:ff   6 src MAC   12 ethertype 0x0806
 * 14 htype 1   16 ptype 0x0800   18 hlen 6   19 plen 4   20 op 1 (request)
 * 22 sha MAC   28 spa 0.0.0.0 (probe) or ours   32 tha 00:00:00:00:00:00   38 tpa target
 * 42..59 zero padding
 * </pre>
 *
 * <p>An answer is any ARP packet, reply or request, whose <em>sender</em> address is the
 * target (RFC 5227 §2.1.1), from a MAC that is not ours: a host that holds the address
 * replies, and one that announces it sends a gratuitous request. Another host's probe for the
 * same address (sender 0.0.0.0) is not an answer: it holds nothing yet.
 */
final class ArpProbeFrame {
    static final int LENGTH = 60;
    static final int ETHERTYPE_ARP = GarpFrame.ETHERTYPE_ARP;
    static final byte[] BROADCAST = GarpFrame.BROADCAST;
    private static final int ARP_END = 42;

    private ArpProbeFrame() {
    }

    /** The RFC 5227 probe: sender address 0.0.0.0. */
    static byte[] probe(byte[] mac, Inet4Address target) {
        return build(mac, new byte[4], target);
    }

    /** An ordinary request from {@code sender} (our address on that interface). */
    static byte[] request(byte[] mac, Inet4Address sender, Inet4Address target) {
        return build(mac, sender.getAddress(), target);
    }

    private static byte[] build(byte[] mac, byte[] sender, Inet4Address target) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must have 6 bytes, not " + mac.length);
        }
        ByteBuffer b = ByteBuffer.allocate(LENGTH); // big-endian: network order
        b.put(BROADCAST).put(mac).putShort((short) ETHERTYPE_ARP);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(mac).put(sender).put(new byte[6]).put(target.getAddress());
        return b.array();
    }

    /**
     * The MAC that {@code frame[0, length)} shows holding {@code target}, or empty when it is
     * no such answer (another packet, ours, truncated or malformed). Never throws on any input.
     */
    static Optional<String> answerer(byte[] frame, int length, Inet4Address target, byte[] ourMac) {
        if (length < ARP_END || length > frame.length) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 0, length);
        int op = b.getShort(20);
        boolean arp = b.getShort(12) == ETHERTYPE_ARP && b.getShort(14) == 1 && b.getShort(16) == 0x0800
                && b.get(18) == 6 && b.get(19) == 4 && (op == 1 || op == 2);
        if (!arp || !Arrays.equals(frame, 28, 32, target.getAddress(), 0, 4)) {
            return Optional.empty();
        }
        byte[] sha = Arrays.copyOfRange(frame, 22, 28);
        if ((sha[0] & 1) != 0 || Arrays.equals(sha, new byte[6]) || Arrays.equals(sha, ourMac)) {
            return Optional.empty(); // multicast or zero sender MAC is bogus; our own is not an answer
        }
        return Optional.of(Macs.format(sha));
    }
}
