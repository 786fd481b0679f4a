package io.heartline.takeover;

/**
 * The kernel's answer to a request with NLM_F_ACK: an NLMSG_ERROR message whose first field is
 * 0 (success) or a negative errno.
 */
record NetlinkAck(int seq, int errno) {

    /** Reads the ack from an NLMSG_ERROR message. */
    static NetlinkAck from(NetlinkMessage message) {
        if (!message.isError()) {
            throw new IllegalArgumentException("not an NLMSG_ERROR message: type " + message.type());
        }
        if (message.payload().remaining() < 4) {
            throw new IllegalArgumentException("truncated NLMSG_ERROR message");
        }
        return new NetlinkAck(message.seq(), -message.payload().getInt(0));
    }

    boolean ok() {
        return errno == 0;
    }

    /** {@code EEXIST (file exists)}; {@code ok} for success. */
    String describe() {
        return ok() ? "ok" : Errno.describe(errno);
    }
}
