package io.heartline.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import io.heartline.daemon.TestConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which interfaces a node check goes out on, from which address, and where the daemon check goes. */
class ProbeRoutesTest {
    @TempDir
    Path dir;

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void everyEthernetInterfaceOnThePeersSubnetIsAskedFromOurAddressThere() throws Exception {
        // TestConfig: node-a (us) 10.77.0.1, node-b 10.77.0.2; media: multicast on eth0, serial
        List<LocalAddress> local = List.of(
                new LocalAddress("lo", ip("127.0.0.1"), 8, false),
                new LocalAddress("eth0", ip("10.77.0.1"), 24, true),
                new LocalAddress("eth0", ip("fe80::1"), 64, true),
                new LocalAddress("eth1", ip("10.78.0.1"), 24, true),      // another network: cannot reach 10.77.0.2
                new LocalAddress("tun0", ip("10.77.0.5"), 24, false),     // no ARP there
                new LocalAddress("br0", ip("10.77.0.9"), 16, true));      // a wider subnet that holds it too
        ProbeRoutes routes = ProbeRoutes.of(TestConfig.load(dir, ""), local);
        ProbeRoutes.Route b = routes.route(new NodeId("node-b"));
        assertEquals(List.of(new ProbeRoutes.NodeCheckRoute("br0", ip("10.77.0.2"), ip("10.77.0.9")),
                new ProbeRoutes.NodeCheckRoute("eth0", ip("10.77.0.2"), ip("10.77.0.1"))), b.nodeChecks());
        assertEquals(new InetSocketAddress(ip("10.77.0.2"), 5407), b.daemon());
        assertEquals(Set.of("br0", "eth0"), routes.interfaces());
        assertTrue(b.toString().contains("daemon check 10.77.0.2:5407"), b.toString());
    }

    @Test
    void aPeerNoInterfaceOfOursReachesGetsNoNodeCheckOnlyTheDaemonCheckOnTheConfiguredPort() throws Exception {
        ProbeRoutes routes = ProbeRoutes.of(TestConfig.load(dir, "timing { interval = 200ms, deadtime = 1s, probe-port = 6001 }"),
                List.of(new LocalAddress("eth1", ip("10.78.0.1"), 24, true)));
        ProbeRoutes.Route b = routes.route(new NodeId("node-b"));
        assertTrue(b.nodeChecks().isEmpty());
        assertEquals(6001, b.daemon().getPort());
        assertTrue(routes.interfaces().isEmpty());
        assertTrue(b.toString().contains("on no interface"), b.toString());
    }

    @Test
    void subnetsAreComparedBitByBitInEachFamily() throws Exception {
        LocalAddress v4 = new LocalAddress("eth0", ip("10.77.0.129"), 25, true);
        assertTrue(v4.sameSubnet(ip("10.77.0.200")));
        assertFalse(v4.sameSubnet(ip("10.77.0.2")));
        assertFalse(v4.sameSubnet(ip("fd00::2")), "another family");
        LocalAddress v6 = new LocalAddress("eth0", ip("fd00:78::1"), 64, true);
        assertTrue(v6.sameSubnet(ip("fd00:78::2")));
        assertFalse(v6.sameSubnet(ip("fd00:79::2")));
        assertFalse(new LocalAddress("eth0", ip("10.77.0.1"), 0, true).sameSubnet(ip("10.77.0.2")),
                "a prefix of 0 (no subnet known) reaches nothing");
    }
}
