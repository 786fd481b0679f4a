package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Ip;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the lab machinery without any daemon: a VIP moved by hand between two nodes is
 * followed by the client, seen by the VipWatch, and the lab leaves nothing behind.
 */
@Tag("cluster")
class LabSmokeIT extends LabTest {
    private static final String VIP = "10.77.0.10";
    private static final int PORT = EchoService.DEFAULT_PORT;

    @Test
    void clientFollowsVipMovedByHand() {
        Lab lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        System.out.println(lab + " set up in " + lab.setupTime().toMillis() + " ms");
        assertEquals(List.of("node-a", "node-b"), lab.nodes());
        assertEquals("10.77.0.100", lab.ip("client"));
        assertTrue(lab.addresses("node-b", "eth0").contains("10.77.0.2/24"), lab.addresses("node-b", "eth0").toString());
        // Nothing in the root namespace is cabled to the lab (read only: ip -o link in the root namespace).
        String rootLinks = Shell.check("ip", "-o", "link", "show").stdout();
        assertFalse(rootLinks.contains(lab.prefix()), rootLinks);

        EchoService.start(lab, "node-a", PORT);
        EchoService.start(lab, "node-b", PORT);
        VipWatch watch = VipWatch.start(lab, VIP, "eth0");
        assertEquals(Set.of(), watch.holders());

        lab.addAddress("node-a", "eth0", VIP + "/24");
        watch.awaitHolders(Duration.ofSeconds(2), "node-a");
        ClientPoller poller = ClientPoller.start(lab, "client", VIP, PORT);
        poller.awaitAnswer("node-a", Duration.ofSeconds(10));
        assertEquals(Optional.of(lab.mac("node-a", "eth0")), lab.neighbourMac("client", VIP));

        long move = System.currentTimeMillis();
        lab.deleteAddress("node-a", "eth0", VIP + "/24");
        lab.addAddress("node-b", "eth0", VIP + "/24");
        boolean garp = Arping.available();
        if (garp) {
            lab.exec("node-b", Arping.unsolicited("eth0", VIP).toArray(String[]::new));
        } else {
            System.out.println("iputils arping not installed: waiting for the client's neighbour entry to age out");
        }
        // Without GARP the client keeps the old MAC until its entry goes stale and is re-probed (~23-60 s).
        poller.awaitAnswer("node-b", garp ? Duration.ofSeconds(5) : Duration.ofSeconds(90));
        assertEquals(Optional.of(lab.mac("node-b", "eth0")), lab.neighbourMac("client", VIP),
                () -> Ip.neighbourEntry(lab.ns("client"), VIP));

        ClientPoller.Outage outage = poller.outageAround(move, "node-b");
        System.out.println(outage + "; timeline: " + poller.summarySince(move - 200));
        if (garp) {
            assertTrue(outage.sinceFault().compareTo(Timing.scaled(Duration.ofSeconds(2))) < 0, outage.toString());
        }
        watch.awaitHolders(Duration.ofSeconds(2), "node-b");
        assertEquals(1, watch.maxHolders(), watch.toString());
        assertEquals(List.of(), watch.intervalsWithTwoHolders(), watch.toString());
        // The move (del, then add) may fall between two samples: the empty set in between is optional.
        assertEquals(List.of(Set.of("node-a"), Set.of("node-b")), watch.changes().stream()
                .map(VipWatch.Change::holders).filter(h -> !h.isEmpty()).toList(), watch.toString());
        assertTrue(poller.unparsedLines().isEmpty(), poller.unparsedLines().toString());

        lab.close();
        System.out.println(lab + " torn down in " + lab.teardownTime().orElseThrow().toMillis() + " ms");
        assertNoNamespaces(lab.prefix());
        assertFalse(poller.process().isAlive());
    }

    @Test
    void vipWatchSeesTwoHolders() {
        Lab lab = lab(b -> b.nodes("node-a", "node-b"));
        VipWatch watch = VipWatch.start(lab, VIP + "/24", "eth0");
        lab.addAddress("node-a", "eth0", VIP + "/24");
        lab.addAddress("node-b", "eth0", VIP + "/24");
        watch.awaitHolders(Duration.ofSeconds(2), "node-a", "node-b");
        watch.awaitSamples(3, Duration.ofSeconds(2));
        lab.deleteAddress("node-a", "eth0", VIP + "/24");
        watch.awaitHolders(Duration.ofSeconds(2), "node-b");

        assertEquals(2, watch.maxHolders());
        List<VipWatch.Interval> split = watch.intervalsWithTwoHolders();
        assertEquals(1, split.size(), watch.toString());
        assertEquals(Set.of("node-a", "node-b"), split.get(0).holders());
        assertTrue(split.get(0).toEpochMillis() >= split.get(0).fromEpochMillis(), split.toString());
    }

    @Test
    void heartbeatNetworkAndCableCut() {
        Lab lab = lab(b -> b.network(Network.LAN).network(Network.HEARTBEAT).nodes("node-a", "node-b").client("client"));
        assertEquals("10.78.0.2", lab.ip("node-b", "eth1"));
        assertTrue(lab.addresses("node-a", "eth1").contains("10.78.0.1/24"));
        assertThrows(IllegalArgumentException.class, () -> lab.addresses("client", "eth1"));
        EchoService.start(lab, "node-b", PORT);

        assertEquals("node-b", ask(lab, "node-a", "10.78.0.2"));
        lab.linkDown("node-a", "eth1");
        String link = lab.exec("node-a", "ip", "-o", "link", "show", "dev", "eth1").stdout();
        assertTrue(link.contains("NO-CARRIER") && link.contains(",UP"), link);
        assertFalse(lab.tryExec("node-a", askCommand("10.78.0.2")).ok(), "heartbeat network should be cut");
        assertEquals("node-b", ask(lab, "node-a", "10.77.0.2"), "the LAN is not affected");
        lab.linkUp("node-a", "eth1");
        // The neighbour entry went INCOMPLETE during the cut; the kernel re-probes it once a second.
        await("node-b over the restored cable").atMost(Timing.scaled(Duration.ofSeconds(5)))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> lab.tryExec("node-a", askCommand("10.78.0.2")).stdout().strip().equals("node-b"));

        lab.ifDown("node-a", "eth1");
        String down = lab.exec("node-a", "ip", "-o", "link", "show", "dev", "eth1").stdout();
        assertFalse(down.contains(",UP"), down);
        lab.ifUp("node-a", "eth1");
    }

    private static String ask(Lab lab, String from, String ip) {
        return lab.exec(from, askCommand(ip)).stdout().strip();
    }

    private static String[] askCommand(String ip) {
        return new String[] {"socat", "-u", "TCP:" + ip + ":" + PORT + ",connect-timeout=1", "STDOUT"};
    }

    static void assertNoNamespaces(String prefix) {
        List<String> left = Ip.netnsList().stream().filter(ns -> ns.startsWith(prefix)).toList();
        assertEquals(List.of(), left, "namespaces left with prefix " + prefix);
    }
}
