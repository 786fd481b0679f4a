package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.takeover.LinkState.OperState;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The link dump request byte for byte, and RTM_NEWLINK / RTM_DELLINK messages as the kernel sends
 * them (little-endian x86_64/arm64 layouts) read into a {@link LinkState}.
 */
class LinkMessagesTest {
    private static final String NAME_HLV0 = "0900 0300 686c763000 000000";     // IFLA_IFNAME "hlv0\0", padded
    private static final String MTU_1500 = "0800 0400 dc050000";               // IFLA_MTU, skipped

    @BeforeAll
    static void littleEndian() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "layouts below are little-endian");
    }

    @Test
    void dumpRequestIsHeaderAndAnEmptyIfinfomsg() {
        assertEquals(hex(Bytes.unhex("20000000 1200 0103 05000000 00000000"   // len 32, RTM_GETLINK, REQUEST|DUMP, seq 5
                        + "00 00 0000 00000000 00000000 00000000")),          // AF_UNSPEC, any type, index, flags, change
                hex(LinkMessages.dumpLinks(5)));
    }

    @Test
    void anInterfaceUpWithCarrier() {
        // flags UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP, operstate UP, carrier 1
        LinkState s = parse(16, 7, "43100100", NAME_HLV0, MTU_1500, "0500 1000 06 000000", "0500 2100 01 000000");
        assertEquals(new LinkState("hlv0", 7, true, true, true, OperState.UP), s);
        assertTrue(s.up());
        assertEquals("up", s.why());
    }

    @Test
    void anInterfaceSetDownIsNotUpWhateverItsCarrier() {
        // flags BROADCAST|MULTICAST (no IFF_UP), operstate DOWN; a veth keeps carrier_ok while set down
        LinkState s = parse(16, 7, "02100000", NAME_HLV0, "0500 1000 02 000000", "0500 2100 01 000000");
        assertFalse(s.adminUp());
        assertFalse(s.up());
        assertEquals(OperState.DOWN, s.operState());
        assertEquals("set down", s.why());
    }

    @Test
    void anInterfaceUpWithoutCarrier() {
        // flags UP|BROADCAST|MULTICAST, no RUNNING or LOWER_UP; operstate LOWERLAYERDOWN, carrier 0
        LinkState s = parse(16, 7, "03100000", NAME_HLV0, "0500 1000 03 000000", "0500 2100 00 000000");
        assertTrue(s.adminUp());
        assertFalse(s.carrier());
        assertEquals(OperState.LOWER_LAYER_DOWN, s.operState());
        assertEquals("no carrier", s.why());
        assertEquals("hlv0 (index 7): no carrier, operstate LOWER_LAYER_DOWN", s.toString());
    }

    @Test
    void withoutIflaCarrierTheLowerUpFlagTellsTheCarrier() {
        assertTrue(parse(16, 7, "43100100", NAME_HLV0).carrier());
        assertFalse(parse(16, 7, "03100000", NAME_HLV0).carrier());
        assertEquals(OperState.UNKNOWN, parse(16, 7, "43100100", NAME_HLV0).operState(), "no IFLA_OPERSTATE");
    }

    @Test
    void aDeletedInterfaceIsGone() {
        LinkState s = parse(17, 9, "43100100", "0900 0300 64756d3000 000000", "0500 2100 01 000000");
        assertEquals(new LinkState("dum0", 9, false, false, false, OperState.NOT_PRESENT), s);
        assertEquals("gone", s.why());
    }

    @Test
    void nestedAttributesAreSkippedAndTheirFlagBitsMasked() {
        // IFLA_LINKINFO (18) with NLA_F_NESTED, holding IFLA_INFO_KIND "veth"; then IFLA_IFNAME
        LinkState s = parse(16, 7, "43100100", "1000 1280 0900 0100 7665746800 000000", NAME_HLV0,
                "0500 1080 06 000000");
        assertEquals("hlv0", s.name());
        assertEquals(OperState.UP, s.operState(), "a type with flag bits is still IFLA_OPERSTATE");
    }

    @Test
    void otherMessagesAreNotLinks() {
        List<NetlinkMessage> m = NetlinkMessage.parseAll(Bytes.unhex("14000000 0300 0200 05000000 00000000 00000000"), 20);
        assertTrue(LinkMessages.parse(m.get(0)).isEmpty(), "NLMSG_DONE");
    }

    @Test
    void malformedLinkMessagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse(16, 7, "43100100", MTU_1500), "no IFLA_IFNAME");
        assertThrows(IllegalArgumentException.class, () -> parse(16, 7, "43100100", "4000 0300 686c763000 000000"),
                "an attribute longer than the message");
        List<NetlinkMessage> shortOne = NetlinkMessage.parseAll(Bytes.unhex("18000000 1000 0000 00000000 00000000 00000000 07000000"), 24);
        assertThrows(IllegalArgumentException.class, () -> LinkMessages.parse(shortOne.get(0)), "truncated ifinfomsg");
    }

    /** One message: nlmsghdr, ifinfomsg (ARPHRD_ETHER, flags as little-endian hex), attributes. */
    private static LinkState parse(int type, int index, String flagsHex, String... attributes) {
        byte[] attrs = Bytes.unhex(String.join("", attributes));
        int len = 16 + 16 + attrs.length;
        String header = String.format("%02x%02x0000 %02x00 0000 00000000 00000000", len & 0xff, len >> 8, type);
        String ifinfo = String.format("00 00 0100 %02x000000 %s 00000000", index, flagsHex);
        byte[] bytes = Bytes.unhex(header + ifinfo + hex(attrs));
        return LinkMessages.parse(NetlinkMessage.parseAll(bytes, bytes.length).get(0)).orElseThrow();
    }
}
