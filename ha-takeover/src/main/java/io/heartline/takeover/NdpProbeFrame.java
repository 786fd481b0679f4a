package io.heartline.takeover;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * IPv6 neighbour solicitations that ask who holds an address (RFC 4861 §4.3, §7.2.2), and the
 * reading of the neighbour advertisements that answer them (§4.4, validated as §7.1.2 says).
 * Two forms: duplicate address detection (RFC 4862 §5.4.2: source ::, no source link-layer
 * option; a holder answers to all-nodes ff02::1) for "is this VIP in use", and the ordinary
 * solicitation from our own address for "is this peer's kernel alive" (answered unicast). Both
 * go to the target's solicited-node multicast group. Pure.
 *
 * <pre>
 *  0 dst 33:33:ff:T13:T14:T15   6 src MAC   12 ethertype 0x86DD
 * 14 IPv6: version 6, payload 24 (DAD) or 32, next header 58, hop limit 255,
 *    src :: (DAD) or ours, dst ff02::1:ffT13:T14T15
 * 54 ICMPv6: type 135, code 0, checksum, reserved 0, target,
 *    [ordinary only: option 1 (source link-layer address), length 1, MAC]
 * </pre>
 */
final class NdpProbeFrame {
    static final int ETHERTYPE_IPV6 = UnsolicitedNaFrame.ETHERTYPE_IPV6;
    static final int IP = 14;
    static final int ICMP = IP + 40;
    private static final int ICMPV6 = 58;
    private static final int SOLICITATION = 135;
    private static final int ADVERTISEMENT = 136;
    private static final int NDP_BODY = 24; // type, code, checksum, flags/reserved, target

    private NdpProbeFrame() {
    }

    /** Duplicate address detection: source ::, no link-layer option. 78 bytes. */
    static byte[] dad(byte[] mac, Inet6Address target) {
        return build(mac, null, target);
    }

    /** An ordinary solicitation from {@code source} (our address on that link). 86 bytes. */
    static byte[] solicitation(byte[] mac, Inet6Address source, Inet6Address target) {
        return build(mac, source.getAddress(), target);
    }

    /** 33:33:ff and the target's last three bytes: the solicited-node group's MAC. */
    static byte[] solicitedNodeMac(Inet6Address target) {
        byte[] t = target.getAddress();
        return new byte[] {0x33, 0x33, (byte) 0xff, t[13], t[14], t[15]};
    }

    private static byte[] build(byte[] mac, byte[] source, Inet6Address target) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must have 6 bytes, not " + mac.length);
        }
        byte[] t = target.getAddress();
        byte[] group = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xff, t[13], t[14], t[15]};
        int icmpLength = source == null ? NDP_BODY : NDP_BODY + 8;
        ByteBuffer b = ByteBuffer.allocate(ICMP + icmpLength);
        b.put(solicitedNodeMac(target)).put(mac).putShort((short) ETHERTYPE_IPV6);
        b.putInt(0x60000000).putShort((short) icmpLength).put((byte) ICMPV6).put((byte) 255);
        b.put(source == null ? new byte[16] : source).put(group);
        b.put((byte) SOLICITATION).put((byte) 0).putShort((short) 0).putInt(0).put(t);
        if (source != null) {
            b.put((byte) 1).put((byte) 1).put(mac);
        }
        b.putShort(ICMP + 2, (short) checksum(b.array(), icmpLength));
        return b.array();
    }

    /**
     * The ICMPv6 checksum (RFC 4443 §2.3) of the message at {@link #ICMP}, {@code icmpLength}
     * bytes, over the pseudo-header taken from the frame's own IPv6 source and destination.
     * Zero when the frame's checksum field is already right.
     */
    static int checksum(byte[] frame, int icmpLength) {
        long sum = sum16(frame, IP + 8, 32) + icmpLength + ICMPV6 + sum16(frame, ICMP, icmpLength);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sum16(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int low = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            sum += ((b[off + i] & 0xff) << 8) | low;
        }
        return sum;
    }

    /**
     * The MAC of a valid neighbour advertisement for {@code target} in {@code frame[0, length)}:
     * its target link-layer address option, else its Ethernet source. Empty for anything else
     * (other packets, ours, extension headers, hop limit not 255, bad checksum, truncated or
     * malformed options). Never throws on any input.
     */
    static Optional<String> answerer(byte[] frame, int length, Inet6Address target, byte[] ourMac) {
        if (length < ICMP + NDP_BODY || length > frame.length) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 0, length);
        int icmpLength = Short.toUnsignedInt(b.getShort(IP + 4));
        boolean na = b.getShort(12) == (short) ETHERTYPE_IPV6 && (b.get(IP) & 0xf0) == 0x60
                && b.get(IP + 6) == ICMPV6 && (b.get(IP + 7) & 0xff) == 255
                && icmpLength >= NDP_BODY && ICMP + icmpLength <= length
                && (b.get(ICMP) & 0xff) == ADVERTISEMENT && b.get(ICMP + 1) == 0
                && Arrays.equals(frame, ICMP + 8, ICMP + 24, target.getAddress(), 0, 16)
                && checksum(frame, icmpLength) == 0;
        if (!na) {
            return Optional.empty();
        }
        byte[] mac = Arrays.copyOfRange(frame, 6, 12);
        for (int opt = ICMP + NDP_BODY; opt < ICMP + icmpLength; ) {
            if (opt + 2 > ICMP + icmpLength) {
                return Optional.empty();
            }
            int size = (frame[opt + 1] & 0xff) * 8;
            if (size == 0 || opt + size > ICMP + icmpLength) {
                return Optional.empty(); // RFC 4861 §4.6: a zero-length option voids the packet
            }
            if (frame[opt] == 2 && size == 8) {
                mac = Arrays.copyOfRange(frame, opt + 2, opt + 8);
            }
            opt += size;
        }
        if ((mac[0] & 1) != 0 || Arrays.equals(mac, new byte[6]) || Arrays.equals(mac, ourMac)) {
            return Optional.empty();
        }
        return Optional.of(Macs.format(mac));
    }
}
