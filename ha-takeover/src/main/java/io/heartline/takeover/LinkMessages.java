package io.heartline.takeover;

import static io.heartline.takeover.Netlink.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * rtnetlink link messages: the RTM_GETLINK dump request, and RTM_NEWLINK / RTM_DELLINK read
 * into a {@link LinkState} ({@code ifinfomsg}, then IFLA_IFNAME, IFLA_OPERSTATE and IFLA_CARRIER
 * among the attributes). Host byte order. Pure: no JNA, no sockets.
 */
final class LinkMessages {

    private LinkMessages() {
    }

    /** RTM_GETLINK, REQUEST|DUMP, for every interface of every family. */
    static ByteBuffer dumpLinks(int seq) {
        ByteBuffer b = ByteBuffer.allocate(NLMSG_HDRLEN + IFINFOMSG_LEN).order(ByteOrder.nativeOrder());
        b.putInt(NLMSG_HDRLEN + IFINFOMSG_LEN);
        b.putShort((short) RTM_GETLINK).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP));
        b.putInt(seq).putInt(0);
        b.put((byte) 0).put((byte) 0).putShort((short) 0);   // ifi_family AF_UNSPEC, pad, ifi_type
        b.putInt(0).putInt(0).putInt(0);                      // ifi_index, ifi_flags, ifi_change
        return b.flip();
    }

    /**
     * The link a message describes; empty for any other message type.
     *
     * @throws IllegalArgumentException if a link message is truncated or has no IFLA_IFNAME
     */
    static Optional<LinkState> parse(NetlinkMessage m) {
        if (m.type() != RTM_NEWLINK && m.type() != RTM_DELLINK) {
            return Optional.empty();
        }
        ByteBuffer p = m.payload();
        if (p.remaining() < IFINFOMSG_LEN) {
            throw new IllegalArgumentException("truncated ifinfomsg: " + p.remaining() + " bytes");
        }
        int index = p.getInt(4);
        int flags = p.getInt(8);
        String name = null;
        int operState = -1;
        int carrier = -1;
        int at = IFINFOMSG_LEN;
        while (at + RTA_HDRLEN <= p.limit()) {
            int len = Short.toUnsignedInt(p.getShort(at));
            int type = Short.toUnsignedInt(p.getShort(at + 2)) & NLA_TYPE_MASK;
            if (len < RTA_HDRLEN || at + len > p.limit()) {
                throw new IllegalArgumentException("malformed rtattr: length " + len + " at offset " + at);
            }
            int value = at + RTA_HDRLEN;
            int size = len - RTA_HDRLEN;
            if (type == IFLA_IFNAME) {
                name = string(p, value, size);
            } else if (type == IFLA_OPERSTATE && size >= 1) {
                operState = Byte.toUnsignedInt(p.get(value));
            } else if (type == IFLA_CARRIER && size >= 1) {
                carrier = Byte.toUnsignedInt(p.get(value));
            }
            at += align(len);
        }
        if (name == null) {
            throw new IllegalArgumentException("link message for index " + index + " without IFLA_IFNAME");
        }
        boolean exists = m.type() == RTM_NEWLINK;
        boolean hasCarrier = carrier >= 0 ? carrier != 0 : (flags & IFF_LOWER_UP) != 0;
        return Optional.of(new LinkState(name, index, exists, exists && (flags & IFF_UP) != 0,
                exists && hasCarrier, exists ? LinkState.OperState.of(operState) : LinkState.OperState.NOT_PRESENT));
    }

    /** A NUL-terminated string attribute. */
    private static String string(ByteBuffer p, int from, int size) {
        int end = from;
        while (end < from + size && p.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - from];
        p.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
