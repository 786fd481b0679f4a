package io.heartline.daemon.ping;

/**
 * ICMP and ICMPv6 echo messages (RFC 792, RFC 4443), built and read as bytes (pure, no sockets).
 * A request carries our {@code id} and a {@code seq}; a reply is ours when it repeats both. On an
 * IPv4 raw socket a reply arrives with its IP header in front; on an IPv6 one without, and the
 * kernel fills in the ICMPv6 checksum (it covers a pseudo-header only the kernel knows).
 */
final class IcmpEcho {
    static final int ECHO_REQUEST_V4 = 8;
    static final int ECHO_REPLY_V4 = 0;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;
    /** The header (8 bytes) and a payload naming the sender, as ping(8) carries a timestamp there. */
    static final int LENGTH = 16;
    private static final byte[] PAYLOAD = {'h', 'e', 'a', 'r', 't', 'l', 'i', 'n'};

    /** A reply's identifier and sequence number. */
    record Reply(int id, int seq) {
    }

    private IcmpEcho() {
    }

    /** An echo request with {@code id} and {@code seq} (each 16 bits). */
    static byte[] request(boolean v6, int id, int seq) {
        byte[] m = new byte[LENGTH];
        m[0] = (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
        m[4] = (byte) (id >>> 8);
        m[5] = (byte) id;
        m[6] = (byte) (seq >>> 8);
        m[7] = (byte) seq;
        System.arraycopy(PAYLOAD, 0, m, 8, PAYLOAD.length);
        if (!v6) {
            int sum = checksum(m, 0, m.length);
            m[2] = (byte) (sum >>> 8);
            m[3] = (byte) sum;
        }
        return m;
    }

    /**
     * The echo reply in {@code buf[0..length)} as a raw socket of that family returns it, or null
     * when it is anything else: another ICMP type, a truncated message, a bad IPv4 checksum.
     */
    static Reply reply(boolean v6, byte[] buf, int length) {
        int at = 0;
        if (!v6) {
            if (length < 20 || (buf[0] >>> 4 & 0xf) != 4 || buf[9] != 1) {
                return null;
            }
            at = (buf[0] & 0xf) * 4;
            if (at < 20 || length - at < 8 || checksum(buf, at, length - at) != 0) {
                return null;
            }
        } else if (length < 8) {
            return null;
        }
        int type = buf[at] & 0xff;
        if (type != (v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4) || buf[at + 1] != 0) {
            return null;
        }
        return new Reply((buf[at + 4] & 0xff) << 8 | buf[at + 5] & 0xff, (buf[at + 6] & 0xff) << 8 | buf[at + 7] & 0xff);
    }

    /** The Internet checksum (RFC 1071) of {@code b[from..from+length)}: 0 over a message that carries a right one. */
    static int checksum(byte[] b, int from, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (b[from + i] & 0xff) << 8 | b[from + i + 1] & 0xff;
        }
        if ((length & 1) == 1) {
            sum += (b[from + length - 1] & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
