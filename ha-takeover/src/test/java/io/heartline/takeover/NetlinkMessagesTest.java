package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Byte-exact request layouts, as the kernel reads them on little-endian Linux (x86_64, arm64). */
class NetlinkMessagesTest {

    @BeforeAll
    static void littleEndian() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "layouts below are little-endian; Heartline runs on little-endian 64-bit Linux only");
    }

    @Test
    void newIpv4AddressHasHeaderIfaddrmsgLocalAddressAndBroadcast() throws Exception {
        ByteBuffer m = NetlinkMessages.newAddress(42, 7, InetAddress.getByName("10.199.1.10"), 24);
        assertEquals(hex(Bytes.unhex(
                  "30000000 1400 0506 2a000000 00000000"   // nlmsghdr: len 48, RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE, seq 42, pid 0
                + "02 18 00 00 07000000"                   // ifaddrmsg: AF_INET, /24, no flags, scope universe, ifindex 7
                + "0800 0200 0ac7010a"                     // IFA_LOCAL 10.199.1.10
                + "0800 0100 0ac7010a"                     // IFA_ADDRESS 10.199.1.10
                + "0800 0400 0ac701ff")),                  // IFA_BROADCAST 10.199.1.255
                hex(m));
    }

    @Test
    void hostRouteAndPointToPointPrefixesGetNoBroadcast() throws Exception {
        assertEquals(40, NetlinkMessages.newAddress(1, 7, InetAddress.getByName("10.199.1.10"), 32).remaining());
        assertEquals(40, NetlinkMessages.newAddress(1, 7, InetAddress.getByName("10.199.1.10"), 31).remaining());
        ByteBuffer m = NetlinkMessages.newAddress(1, 7, InetAddress.getByName("10.199.1.10"), 30);
        assertEquals("0800 0400 0ac7010b".replace(" ", ""), hex(m).substring(80));
    }

    @Test
    void newIpv6AddressIsNodadWithoutBroadcast() throws Exception {
        ByteBuffer m = NetlinkMessages.newAddress(3, 2, InetAddress.getByName("fd00:199::10"), 64);
        assertEquals(hex(Bytes.unhex(
                  "40000000 1400 0506 03000000 00000000"   // len 64
                + "0a 40 02 00 02000000"                   // AF_INET6, /64, IFA_F_NODAD, ifindex 2
                + "1400 0200 fd000199000000000000000000000010"   // IFA_LOCAL
                + "1400 0100 fd000199000000000000000000000010")), // IFA_ADDRESS
                hex(m));
    }

    @Test
    void deleteAddressAsksForAnAck() throws Exception {
        ByteBuffer m = NetlinkMessages.deleteAddress(9, 7, InetAddress.getByName("10.199.1.10"), 24);
        assertEquals(hex(Bytes.unhex(
                  "28000000 1500 0500 09000000 00000000"   // len 40, RTM_DELADDR, REQUEST|ACK
                + "02 18 00 00 07000000"
                + "0800 0200 0ac7010a"
                + "0800 0100 0ac7010a")),
                hex(m));
    }

    @Test
    void dumpRequestIsHeaderAndFamilyOnly() {
        assertEquals(hex(Bytes.unhex("18000000 1600 0103 05000000 00000000 0a 00 00 00 00000000")),
                hex(NetlinkMessages.dumpAddresses(5, LibC.AF_INET6)));
    }

    @Test
    void attributesArePaddedToFourBytes() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        NetlinkMessages.putAttribute(b, 3, "hlv0\0".getBytes());
        NetlinkMessages.putAttribute(b, 1, new byte[] {1, 2, 3, 4});
        b.flip();
        // rta_len counts header + payload (9), not the padding; the next attribute starts at 12
        assertEquals(hex(Bytes.unhex("0900 0300 686c763000 000000 | 0800 0100 01020304")), hex(b));
    }

    @Test
    void broadcastSetsHostBits() throws Exception {
        byte[] a = InetAddress.getByName("192.168.10.77").getAddress();
        assertArrayEquals(InetAddress.getByName("192.168.10.255").getAddress(), NetlinkMessages.broadcast(a, 24));
        assertArrayEquals(InetAddress.getByName("192.168.15.255").getAddress(), NetlinkMessages.broadcast(a, 21));
        assertArrayEquals(InetAddress.getByName("255.255.255.255").getAddress(), NetlinkMessages.broadcast(a, 0));
    }
}
