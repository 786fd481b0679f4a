package io.heartline.takeover;

import static io.heartline.takeover.Netlink.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * One address from an RTM_GETADDR dump: interface index, prefix length and the local address
 * (IFA_LOCAL, or IFA_ADDRESS when there is no IFA_LOCAL, as for most IPv6 addresses).
 */
record IfAddress(int ifindex, int prefixLength, InetAddress address) {

    /** Parses an RTM_NEWADDR message of a dump; {@code null} if it carries no address. */
    static IfAddress parse(NetlinkMessage message) {
        ByteBuffer p = message.payload();
        if (message.type() != RTM_NEWADDR || p.remaining() < IFADDRMSG_LEN) {
            return null;
        }
        int prefixLength = Byte.toUnsignedInt(p.get(1));
        int ifindex = p.getInt(4);
        byte[] local = null;
        byte[] address = null;
        int pos = IFADDRMSG_LEN;
        while (pos + RTA_HDRLEN <= p.limit()) {
            int len = Short.toUnsignedInt(p.getShort(pos));
            int type = Short.toUnsignedInt(p.getShort(pos + 2));
            if (len < RTA_HDRLEN || pos + len > p.limit()) {
                break;
            }
            byte[] value = new byte[len - RTA_HDRLEN];
            p.get(pos + RTA_HDRLEN, value);
            if (type == IFA_LOCAL) {
                local = value;
            } else if (type == IFA_ADDRESS) {
                address = value;
            }
            pos += align(len);
        }
        byte[] chosen = local != null ? local : address;
        if (chosen == null) {
            return null;
        }
        try {
            return new IfAddress(ifindex, prefixLength, InetAddress.getByAddress(chosen));
        } catch (UnknownHostException e) {
            return null; // wrong length: not an IPv4 or IPv6 address
        }
    }
}
