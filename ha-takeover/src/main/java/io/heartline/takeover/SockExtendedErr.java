package io.heartline.takeover;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * One {@code struct sock_extended_err} as {@code recvmsg(MSG_ERRQUEUE)} hands it over in its
 * control data ({@code IP_RECVERR} / {@code IPV6_RECVERR}), with the offender (the address
 * that sent the ICMP error) that follows it. Pure: {@link #fromControl} parses the bytes, in
 * host order, and returns empty for anything it does not understand, never throwing.
 *
 * <pre>
 * struct cmsghdr { size_t len; int level; int type; }          16 bytes, data 8-aligned
 * struct sock_extended_err { u32 errno; u8 origin, type, code, pad; u32 info; u32 data; }
 * then SO_EE_OFFENDER: struct sockaddr_in (16) or sockaddr_in6 (28), family AF_UNSPEC if none
 * </pre>
 *
 * @param errno    the error the socket reports (ECONNREFUSED for a port unreachable)
 * @param origin   {@link #ORIGIN_ICMP}, {@link #ORIGIN_ICMP6}, or a local origin
 * @param type     the ICMP / ICMPv6 type
 * @param code     the ICMP / ICMPv6 code
 * @param offender who sent the error, when the kernel says
 */
record SockExtendedErr(int errno, int origin, int type, int code, Optional<InetAddress> offender) {
    static final int SOL_IP = 0;
    static final int IP_RECVERR = 11;
    static final int SOL_IPV6 = 41;
    static final int IPV6_RECVERR = 25;
    static final int ORIGIN_LOCAL = 1;
    static final int ORIGIN_ICMP = 2;
    static final int ORIGIN_ICMP6 = 3;
    static final int ECONNREFUSED = 111;

    private static final int CMSG_HEADER = 16;
    private static final int EE_SIZE = 16;

    /** Whether this is an ICMP port unreachable (type 3 code 3) or ICMPv6 one (type 1 code 4). */
    boolean portUnreachable() {
        return origin == ORIGIN_ICMP && type == 3 && code == 3 || origin == ORIGIN_ICMP6 && type == 1 && code == 4;
    }

    /** Whether a remote host sent it (an ICMP or ICMPv6 error), not our own stack. */
    boolean fromIcmp() {
        return origin == ORIGIN_ICMP || origin == ORIGIN_ICMP6;
    }

    /** The first IP_RECVERR / IPV6_RECVERR message in {@code length} bytes of control data, if any. */
    static Optional<SockExtendedErr> fromControl(byte[] control, int length) {
        if (control == null || length < 0 || length > control.length) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(control, 0, length).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + CMSG_HEADER <= length) {
            long len = b.getLong(at);
            int level = b.getInt(at + 8);
            int type = b.getInt(at + 12);
            if (len < CMSG_HEADER || len > length - at) {
                return Optional.empty();
            }
            if (level == SOL_IP && type == IP_RECVERR || level == SOL_IPV6 && type == IPV6_RECVERR) {
                return parse(b, at + CMSG_HEADER, at + (int) len);
            }
            at += (int) ((len + 7) & ~7L);
        }
        return Optional.empty();
    }

    private static Optional<SockExtendedErr> parse(ByteBuffer b, int from, int end) {
        if (end - from < EE_SIZE) {
            return Optional.empty();
        }
        int errno = b.getInt(from);
        int origin = Byte.toUnsignedInt(b.get(from + 4));
        int type = Byte.toUnsignedInt(b.get(from + 5));
        int code = Byte.toUnsignedInt(b.get(from + 6));
        return Optional.of(new SockExtendedErr(errno, origin, type, code, offender(b, from + EE_SIZE, end)));
    }

    private static Optional<InetAddress> offender(ByteBuffer b, int at, int end) {
        if (end - at < 2) {
            return Optional.empty();
        }
        int family = Short.toUnsignedInt(b.getShort(at));
        int size = family == LibC.AF_INET ? 4 : family == LibC.AF_INET6 ? 16 : 0;
        int offset = family == LibC.AF_INET ? 4 : 8;
        if (size == 0 || end - at < offset + size) {
            return Optional.empty();
        }
        byte[] address = new byte[size];
        b.get(at + offset, address);
        try {
            return Optional.of(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not reached: the length is 4 or 16
        }
    }

    @Override
    public String toString() {
        String what = portUnreachable() ? "port unreachable"
                : (origin == ORIGIN_ICMP6 ? "ICMPv6" : origin == ORIGIN_ICMP ? "ICMP" : "origin " + origin)
                + " type " + type + " code " + code;
        return what + " (" + Errno.describe(errno) + ")" + offender.map(a -> " from " + a.getHostAddress()).orElse("");
    }
}
