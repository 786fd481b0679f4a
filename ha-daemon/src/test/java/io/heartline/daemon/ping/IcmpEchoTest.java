package io.heartline.daemon.ping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Echo requests as the wire has them, and replies read back from what a raw socket of each family returns. */
class IcmpEchoTest {
    @Test
    void anIpv4RequestCarriesIdSeqAndARightChecksum() {
        byte[] m = IcmpEcho.request(false, 0x1234, 0xabcd);
        assertEquals(IcmpEcho.LENGTH, m.length);
        assertEquals(8, m[0]);
        assertEquals(0, m[1]);
        assertArrayEquals(new byte[] {0x12, 0x34, (byte) 0xab, (byte) 0xcd}, java.util.Arrays.copyOfRange(m, 4, 8));
        assertEquals(0, IcmpEcho.checksum(m, 0, m.length), "a message with its checksum sums to zero");
    }

    @Test
    void theChecksumIsRfc1071s() {
        // RFC 1071's example: 00 01 f2 03 f4 f5 f6 f7 sums (one's complement) to 0xddf2, so the checksum is 0x220d
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220d, IcmpEcho.checksum(b, 0, b.length));
        assertEquals(~0x0100 & 0xffff, IcmpEcho.checksum(new byte[] {1}, 0, 1), "an odd last byte is padded with zero");
    }

    @Test
    void anIpv6RequestLeavesTheChecksumToTheKernel() {
        byte[] m = IcmpEcho.request(true, 7, 9);
        assertEquals(128, m[0] & 0xff);
        assertEquals(0, m[2]);
        assertEquals(0, m[3]);
    }

    @Test
    void anIpv4ReplyIsReadBehindItsIpHeader() {
        byte[] reply = ipv4(asReply(IcmpEcho.request(false, 0xbeef, 3)), 24);
        assertEquals(new IcmpEcho.Reply(0xbeef, 3), IcmpEcho.reply(false, reply, reply.length));
        assertNull(IcmpEcho.reply(false, reply, 30), "truncated");
        byte[] request = ipv4(IcmpEcho.request(false, 0xbeef, 3), 20);
        assertNull(IcmpEcho.reply(false, request, request.length), "a request (someone pinging us) is no reply");
        reply[24 + 9] ^= 1;
        assertNull(IcmpEcho.reply(false, reply, reply.length), "a bad checksum");
        byte[] udp = ipv4(asReply(IcmpEcho.request(false, 1, 1)), 20);
        udp[9] = 17;
        assertNull(IcmpEcho.reply(false, udp, udp.length), "not ICMP");
    }

    @Test
    void anIpv6ReplyComesWithoutHeader() {
        byte[] m = IcmpEcho.request(true, 0x0102, 0xfffe);
        m[0] = (byte) 129;
        assertEquals(new IcmpEcho.Reply(0x0102, 0xfffe), IcmpEcho.reply(true, m, m.length));
        m[0] = (byte) 128;
        assertNull(IcmpEcho.reply(true, m, m.length));
        assertNull(IcmpEcho.reply(true, m, 7));
    }

    /** The echo request turned into the reply a host sends back: type 0, checksum fixed. */
    private static byte[] asReply(byte[] request) {
        byte[] r = request.clone();
        r[0] = 0;
        r[2] = 0;
        r[3] = 0;
        int sum = IcmpEcho.checksum(r, 0, r.length);
        r[2] = (byte) (sum >>> 8);
        r[3] = (byte) sum;
        return r;
    }

    /** {@code icmp} behind an IPv4 header of {@code headerLength} bytes (options are zeros). */
    private static byte[] ipv4(byte[] icmp, int headerLength) {
        byte[] p = new byte[headerLength + icmp.length];
        p[0] = (byte) (0x40 | headerLength / 4);
        p[9] = 1;
        System.arraycopy(icmp, 0, p, headerLength, icmp.length);
        return p;
    }
}
