package io.heartline.takeover;

import static io.heartline.takeover.Netlink.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds rtnetlink address requests: {@code nlmsghdr}, {@code ifaddrmsg}, then attributes,
 * each padded to 4 bytes. Host byte order, as the kernel expects. Pure: no JNA, no sockets.
 */
final class NetlinkMessages {

    private NetlinkMessages() {
    }

    /** RTM_NEWADDR, REQUEST|ACK|CREATE|EXCL: a duplicate add answers EEXIST. */
    static ByteBuffer newAddress(int seq, int ifindex, InetAddress address, int prefixLength) {
        byte[] addr = address.getAddress();
        boolean v4 = address instanceof Inet4Address;
        ByteBuffer b = start(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        putIfAddrMsg(b, v4 ? LibC.AF_INET : LibC.AF_INET6, prefixLength, v4 ? 0 : IFA_F_NODAD, ifindex);
        putAttribute(b, IFA_LOCAL, addr);
        putAttribute(b, IFA_ADDRESS, addr);
        if (v4 && prefixLength <= 30) {
            putAttribute(b, IFA_BROADCAST, broadcast(addr, prefixLength));
        }
        return finish(b);
    }

    /** RTM_DELADDR, REQUEST|ACK: an absent address answers EADDRNOTAVAIL. */
    static ByteBuffer deleteAddress(int seq, int ifindex, InetAddress address, int prefixLength) {
        byte[] addr = address.getAddress();
        ByteBuffer b = start(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq);
        putIfAddrMsg(b, family(address), prefixLength, 0, ifindex);
        putAttribute(b, IFA_LOCAL, addr);
        putAttribute(b, IFA_ADDRESS, addr);
        return finish(b);
    }

    /** RTM_GETADDR dump of every address of one family (the kernel ignores the index filter). */
    static ByteBuffer dumpAddresses(int seq, int family) {
        ByteBuffer b = start(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
        putIfAddrMsg(b, family, 0, 0, 0);
        return finish(b);
    }

    static int family(InetAddress address) {
        return address instanceof Inet4Address ? LibC.AF_INET : LibC.AF_INET6;
    }

    /** One {@code rtattr}: length (header + payload, unpadded), type, payload, zero padding. */
    static void putAttribute(ByteBuffer b, int type, byte[] payload) {
        int len = RTA_HDRLEN + payload.length;
        b.putShort((short) len).putShort((short) type).put(payload);
        for (int pad = align(len) - len; pad > 0; pad--) {
            b.put((byte) 0);
        }
    }

    static byte[] broadcast(byte[] addr, int prefixLength) {
        int ip = ByteBuffer.wrap(addr).getInt();
        int hostMask = prefixLength == 0 ? -1 : (1 << (32 - prefixLength)) - 1;
        return ByteBuffer.allocate(4).putInt(ip | hostMask).array();
    }

    private static ByteBuffer start(int type, int flags, int seq) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.putInt(0);                    // nlmsg_len, set by finish()
        b.putShort((short) type).putShort((short) flags);
        b.putInt(seq).putInt(0);        // nlmsg_seq, nlmsg_pid (0: the kernel fills it in)
        return b;
    }

    private static void putIfAddrMsg(ByteBuffer b, int family, int prefixLength, int flags, int ifindex) {
        b.put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) RT_SCOPE_UNIVERSE);
        b.putInt(ifindex);
    }

    private static ByteBuffer finish(ByteBuffer b) {
        b.putInt(0, b.position());
        return b.flip();
    }
}
