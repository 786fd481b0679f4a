package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing what the kernel sends back: acks, dump entries, several messages per datagram. */
class NetlinkRepliesTest {

    /** A kernel-style datagram builder, in host order. */
    private static final class Datagram {
        final ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

        Datagram message(int type, int flags, int seq, byte[] payload) {
            int len = Netlink.NLMSG_HDRLEN + payload.length;
            b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(4242).put(payload);
            for (int i = len; i < Netlink.align(len); i++) {
                b.put((byte) 0);
            }
            return this;
        }

        Datagram ack(int seq, int error) {
            ByteBuffer p = ByteBuffer.allocate(4 + 16).order(ByteOrder.nativeOrder());
            p.putInt(error).putInt(40).putShort((short) Netlink.RTM_NEWADDR).putShort((short) 0x605).putInt(seq).putInt(0);
            return message(Netlink.NLMSG_ERROR, 0, seq, p.array());
        }

        List<NetlinkMessage> parse() {
            return NetlinkMessage.parseAll(Arrays.copyOf(b.array(), b.position()), b.position());
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0, ok", "-17, 17, EEXIST", "-99, 99, EADDRNOTAVAIL", "-19, 19, ENODEV"})
    void ackCarriesTheNegatedErrno(int error, int errno, String text) {
        NetlinkAck ack = NetlinkAck.from(new Datagram().ack(7, error).parse().get(0));
        assertEquals(new NetlinkAck(7, errno), ack);
        assertEquals(errno == 0, ack.ok());
        assertTrue(ack.describe().startsWith(text), ack.describe());
    }

    @Test
    void datagramWithSeveralMessagesIsSplit() {
        List<NetlinkMessage> msgs = new Datagram()
                .message(Netlink.RTM_NEWADDR, Netlink.NLM_F_MULTI, 3, new byte[13]) // unaligned: padded
                .ack(2, -17)
                .message(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 3, new byte[4])
                .parse();
        assertEquals(3, msgs.size());
        assertEquals(Netlink.RTM_NEWADDR, msgs.get(0).type());
        assertEquals(13, msgs.get(0).payload().remaining());
        assertEquals(new NetlinkAck(2, 17), NetlinkAck.from(msgs.get(1)));
        assertTrue(msgs.get(2).isDone());
        assertEquals(3, msgs.get(2).seq());
    }

    @Test
    void malformedLengthIsRejected() {
        byte[] data = new byte[20];
        ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).putInt(0, 400);
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessage.parseAll(data, data.length));
    }

    @Test
    void nonErrorMessageIsNoAck() {
        NetlinkMessage done = new Datagram().message(Netlink.NLMSG_DONE, 0, 1, new byte[4]).parse().get(0);
        assertThrows(IllegalArgumentException.class, () -> NetlinkAck.from(done));
    }

    @Test
    void dumpEntryPrefersLocalOverAddressAndSkipsOtherAttributes() throws Exception {
        ByteBuffer p = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        p.put((byte) LibC.AF_INET).put((byte) 24).put((byte) 0).put((byte) 0).putInt(5);
        NetlinkMessages.putAttribute(p, 3, "hlv0\0".getBytes()); // IFA_LABEL, 5 bytes: padded
        NetlinkMessages.putAttribute(p, Netlink.IFA_ADDRESS, InetAddress.getByName("10.199.1.1").getAddress());
        NetlinkMessages.putAttribute(p, Netlink.IFA_LOCAL, InetAddress.getByName("10.199.1.10").getAddress());
        IfAddress a = IfAddress.parse(new Datagram()
                .message(Netlink.RTM_NEWADDR, Netlink.NLM_F_MULTI, 1, Arrays.copyOf(p.array(), p.position())).parse().get(0));
        assertEquals(new IfAddress(5, 24, InetAddress.getByName("10.199.1.10")), a);
    }

    @Test
    void ipv6DumpEntryHasOnlyAddress() throws Exception {
        ByteBuffer p = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        p.put((byte) LibC.AF_INET6).put((byte) 64).put((byte) 0).put((byte) 0).putInt(2);
        NetlinkMessages.putAttribute(p, Netlink.IFA_ADDRESS, InetAddress.getByName("fd00:199::10").getAddress());
        IfAddress a = IfAddress.parse(new Datagram()
                .message(Netlink.RTM_NEWADDR, Netlink.NLM_F_MULTI, 1, Arrays.copyOf(p.array(), p.position())).parse().get(0));
        assertEquals(new IfAddress(2, 64, InetAddress.getByName("fd00:199::10")), a);
    }

    @Test
    void entryWithoutAddressIsSkipped() {
        byte[] p = {(byte) LibC.AF_INET, 24, 0, 0, 5, 0, 0, 0};
        assertNull(IfAddress.parse(new Datagram().message(Netlink.RTM_NEWADDR, 0, 1, p).parse().get(0)));
        assertFalse(new Datagram().ack(1, 0).parse().get(0).isDone());
    }
}
