package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real kernel: both address managers and the raw-socket sender inside a namespace of the
 * test's own ({@link NetnsLab}), checked with {@code ip -n NS} and a packet capture on the peer
 * veth end. Needs root.
 */
@Tag("netns")
class NamespaceTakeoverTest {
    private static NetnsLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        assertTrue(NetnsLab.usable(), "this test needs root and iproute2 (run scripts/test as root)");
        lab = new NetnsLab();
        try {
            lab.start();
        } catch (Exception e) {
            lab.close();
            throw e;
        }
    }

    @AfterEach
    void flushAddresses() throws Exception {
        if (lab != null) {
            for (String dev : new String[] {"hlv0", "hlv1"}) {
                lab.ip("addr", "flush", "dev", dev, "scope", "global");
            }
        }
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"netlink", "ip"})
    void ipv4AddRemoveIsPresent(String kind) throws Exception {
        assertEquals("ok", lab.agent("use " + kind));
        assertEquals("false", lab.agent("present 10.199.1.10/24 hlv0"));

        assertEquals("ok", lab.agent("add 10.199.1.10/24 hlv0"));
        assertTrue(addresses("hlv0").contains("inet 10.199.1.10/24 brd 10.199.1.255"), addresses("hlv0"));
        assertEquals("true", lab.agent("present 10.199.1.10/24 hlv0"));
        assertEquals("ok", lab.agent("add 10.199.1.10/24 hlv0"), "a duplicate add is success");

        assertEquals("true", lab.agent("remove 10.199.1.10/24 hlv0"));
        assertFalse(addresses("hlv0").contains("10.199.1.10"), addresses("hlv0"));
        assertEquals("false", lab.agent("present 10.199.1.10/24 hlv0"));
        assertEquals("false", lab.agent("remove 10.199.1.10/24 hlv0"), "removing an absent address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netlink", "ip"})
    void ipv6AddressIsUsableAtOnce(String kind) throws Exception {
        assertEquals("ok", lab.agent("use " + kind));
        assertEquals("ok", lab.agent("add fd00:199::10/64 hlv0"));
        String vipLine = addresses("hlv0").lines().filter(l -> l.contains("inet6 fd00:199::10/64"))
                .findFirst().orElseThrow();
        assertFalse(vipLine.contains("tentative"), "no DAD wait for a VIP: " + vipLine);
        assertEquals("true", lab.agent("present fd00:199::10/64 hlv0"));
        assertEquals("ok", lab.agent("add fd00:199::10/64 hlv0"));
        assertEquals("true", lab.agent("remove fd00:199::10/64 hlv0"));
        assertFalse(addresses("hlv0").contains("fd00:199::10"));
        assertEquals("false", lab.agent("remove fd00:199::10/64 hlv0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"netlink", "ip"})
    void presenceIsPerInterface(String kind) throws Exception {
        assertEquals("ok", lab.agent("use " + kind));
        assertEquals("ok", lab.agent("add 10.199.4.10/24 hlv1"));
        assertEquals("false", lab.agent("present 10.199.4.10/24 hlv0"));
        assertEquals("false", lab.agent("remove 10.199.4.10/24 hlv0"));
        assertEquals("true", lab.agent("present 10.199.4.10/24 hlv1"));
        assertEquals("true", lab.agent("remove 10.199.4.10/24 hlv1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"netlink", "ip"})
    void removeFindsAnAddressLeftWithAnotherPrefix(String kind) throws Exception {
        assertEquals("ok", lab.agent("use " + kind));
        lab.ip("addr", "add", "10.199.5.10/16", "dev", "hlv0");
        lab.ip("addr", "add", "fd00:199:5::10/48", "dev", "hlv0");
        assertEquals("true", lab.agent("present 10.199.5.10/24 hlv0"));
        assertEquals("true", lab.agent("remove 10.199.5.10/24 hlv0"));
        assertEquals("true", lab.agent("remove fd00:199:5::10/64 hlv0"));
        assertFalse(addresses("hlv0").contains("10.199.5.10"), addresses("hlv0"));
        assertFalse(addresses("hlv0").contains("fd00:199:5::10"), addresses("hlv0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"netlink", "ip"})
    void badInterfaceIsNamed(String kind) throws Exception {
        assertEquals("ok", lab.agent("use " + kind));
        for (String op : new String[] {"add", "remove", "present"}) {
            String reply = lab.agent(op + " 10.199.1.10/24 nosuch0");
            assertTrue(reply.startsWith("error "), reply);
            assertTrue(reply.contains("10.199.1.10/24 dev nosuch0"), reply);
            assertTrue(reply.contains("no such interface 'nosuch0'"), reply);
        }
    }

    @Test
    void factoryChoosesNetlinkWhereJnaWorks() throws Exception {
        assertEquals("NetlinkAddressManager", lab.agent("factory"));
    }

    @Test
    void gratuitousArpReachesThePeer() throws Exception {
        assertEquals("ok", lab.agent("capture hlv1"));
        assertEquals("ok", lab.agent("garp 10.199.1.20/24 hlv0"));
        byte[] expected = GarpFrame.build(mac0(), (Inet4Address) InetAddress.getByName("10.199.1.20"));
        assertEquals("frame " + HexFormat.of().formatHex(expected), lab.agent("next arp"));
    }

    @Test
    void unsolicitedNeighbourAdvertReachesThePeer() throws Exception {
        assertEquals("ok", lab.agent("capture hlv1"));
        assertEquals("ok", lab.agent("garp fd00:199::20/64 hlv0"));
        byte[] expected = UnsolicitedNaFrame.build(mac0(), (Inet6Address) InetAddress.getByName("fd00:199::20"));
        assertEquals("frame " + HexFormat.of().formatHex(expected), lab.agent("next na"));
    }

    @Test
    void announcingOnBadOrDownInterfaceSaysWhy() throws Exception {
        String missing = lab.agent("garp 10.199.1.20/24 nosuch0");
        assertTrue(missing.startsWith("error ") && missing.contains("no such interface 'nosuch0'"), missing);
        String down = lab.agent("garp 10.199.1.20/24 hlv2");
        assertTrue(down.startsWith("error ") && down.contains("interface 'hlv2' is down"), down);
        String loopback = lab.agent("garp 127.0.0.2/8 lo");
        assertTrue(loopback.startsWith("error ") && loopback.contains("not Ethernet"), loopback);
    }

    @Test
    void claimAnnouncesBurstAndReleaseRemoves() throws Exception {
        assertEquals("ok", lab.agent("use netlink"));
        assertEquals("ok", lab.agent("capture hlv1"));
        assertEquals("ok", lab.agent("claim 10.199.6.10/24 hlv0")); // burst of 3, 20 ms apart
        assertTrue(addresses("hlv0").contains("10.199.6.10/24"));
        String expected = "frame " + HexFormat.of().formatHex(
                GarpFrame.build(mac0(), (Inet4Address) InetAddress.getByName("10.199.6.10")));
        for (int i = 0; i < 3; i++) {
            assertEquals(expected, lab.agent("next arp"), "frame " + (i + 1));
        }
        assertEquals("1", lab.agent("release 10.199.6.10/24 hlv0"));
        assertFalse(addresses("hlv0").contains("10.199.6.10"));
        assertEquals("0", lab.agent("release 10.199.6.10/24 hlv0"));
    }

    private static String addresses(String iface) throws Exception {
        return lab.ip("-o", "addr", "show", "dev", iface);
    }

    private static byte[] mac0() {
        return HexFormat.ofDelimiter(":").parseHex(NetnsLab.MAC0);
    }
}
