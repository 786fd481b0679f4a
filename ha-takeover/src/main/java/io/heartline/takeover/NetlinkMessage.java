package io.heartline.takeover;

import static io.heartline.takeover.Netlink.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message received from the kernel: its {@code nlmsghdr} fields and its payload (a
 * read-only slice after the header). Pure parsing, no JNA.
 */
record NetlinkMessage(int type, int flags, int seq, ByteBuffer payload) {

    /** Splits a datagram into its messages; a malformed length ends the walk with an error. */
    static List<NetlinkMessage> parseAll(byte[] data, int length) {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        while (b.remaining() >= NLMSG_HDRLEN) {
            int start = b.position();
            int len = b.getInt(start);
            if (len < NLMSG_HDRLEN || len > b.remaining()) {
                throw new IllegalArgumentException("malformed netlink message: length " + len
                        + " at offset " + start + " of " + length);
            }
            int type = Short.toUnsignedInt(b.getShort(start + 4));
            int flags = Short.toUnsignedInt(b.getShort(start + 6));
            int seq = b.getInt(start + 8);
            ByteBuffer payload = b.duplicate().position(start + NLMSG_HDRLEN).limit(start + len)
                    .slice().asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(type, flags, seq, payload));
            b.position(Math.min(start + align(len), b.limit()));
        }
        return out;
    }

    boolean isError() {
        return type == NLMSG_ERROR;
    }

    boolean isDone() {
        return type == NLMSG_DONE;
    }
}
