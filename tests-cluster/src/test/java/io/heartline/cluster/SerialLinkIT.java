package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two heartbeat media: JGroups multicast on a separate heartbeat network (eth1) and a serial
 * cable made of a socat pty pair. One cut cable must never cause a takeover; both cut with the
 * links still up is a partition (without fencing, two owners until it heals, and then the newer
 * epoch keeps it); both cut on one node's own side (no carrier there) makes that node the one cut
 * off: it claims nothing, and if it owns it releases.
 */
class SerialLinkIT extends LabTest {
    static final Duration DEADTIME = Duration.ofSeconds(1);

    Lab lab;
    HeartlinePair pair;
    LabProcess cable;
    ClientPoller client;
    VipWatch vip;
    Path ttyA;
    Path ttyB;

    void start() {
        lab = lab(b -> b.network(Network.LAN).network(Network.HEARTBEAT).nodes("node-a", "node-b").client("client"));
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        ttyA = pair.work().resolve("ttyA");
        ttyB = pair.work().resolve("ttyB");
        pair.withMedia(node -> """
                { type = multicast, interface = eth1, group = "239.192.76.2", port = 7641 }
                { type = serial, device = "%s" }""".formatted(node.equals("node-a") ? ttyA : ttyB));
        plugCable();
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(10)));
        awaitLinks("node-b", "node-a", true, true);
    }

    /** The null-modem cable: a socat pty pair whose two ends are symlinked for the two daemons. */
    void plugCable() {
        cable = lab.start("node-a", ProcessSpec.of("cable", "socat", "pty,raw,echo=0,link=" + ttyA,
                "pty,raw,echo=0,link=" + ttyB));
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> Files.exists(ttyA) && Files.exists(ttyB));
    }

    void cutCable() {
        cable.kill9();
    }

    void cutHeartbeatNetwork() {
        lab.linkDown("node-a", "eth1");
        lab.linkDown("node-b", "eth1");
    }

    void mendHeartbeatNetwork() {
        lab.linkUp("node-a", "eth1");
        lab.linkUp("node-b", "eth1");
    }

    /** The nodes stop hearing each other on eth1 while every link keeps its carrier (nftables at each input). */
    void partitionHeartbeatNetwork() {
        for (String[] p : new String[][] {{"node-a", "node-b"}, {"node-b", "node-a"}}) {
            lab.exec(p[0], "nft", "add", "table", "inet", "partition");
            lab.exec(p[0], "nft", "add", "chain", "inet", "partition", "in", "{ type filter hook input priority 0; }");
            lab.exec(p[0], "nft", "add", "rule", "inet", "partition", "in", "ip", "saddr", lab.ip(p[1], "eth1"), "drop");
        }
        lab.note("partition on eth1, carriers up");
    }

    void healHeartbeatNetwork() {
        lab.exec("node-a", "nft", "delete", "table", "inet", "partition");
        lab.exec("node-b", "nft", "delete", "table", "inet", "partition");
        lab.note("partition on eth1 healed");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> link(String on, String peer, String medium) {
        for (Object o : (List<Object>) pair.status(on).get("nodes")) {
            Map<String, Object> n = (Map<String, Object>) o;
            if (n.get("name").equals(peer)) {
                for (Object l : (List<Object>) n.get("links")) {
                    if (((Map<String, Object>) l).get("medium").equals(medium)) {
                        return (Map<String, Object>) l;
                    }
                }
            }
        }
        throw new AssertionError("no link " + medium + " to " + peer + " on " + on);
    }

    void awaitLinks(String on, String peer, boolean multicastUp, boolean serialUp) {
        await().atMost(Timing.scaled(Duration.ofSeconds(15))).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            assertEquals(multicastUp, link(on, peer, "multicast").get("up"), "multicast on " + on);
            assertEquals(serialUp, link(on, peer, "serial").get("up"), "serial on " + on);
        });
    }

    /** Nothing moves for {@code d}: node-a owns, node-b stands by, one holder, the client on node-a. */
    void assertNoTakeoverFor(Duration d) {
        await().during(Timing.scaled(d)).atMost(Timing.scaled(d.plusSeconds(5))).pollInterval(250, TimeUnit.MILLISECONDS)
                .until(() -> "ACTIVE".equals(pair.state("node-a")) && "STANDBY".equals(pair.state("node-b")));
        assertEquals(1, vip.maxHolders(), vip.toString());
        assertEquals("node-a", client.lastAnswer().orElseThrow());
    }

    boolean journaled(String node, String kind) {
        return pair.journalEntries(node).stream().anyMatch(e -> kind.equals(e.get("kind")));
    }

    @Test
    void heartbeatNetworkCutWhileSerialSpeaksIsDegradedNotATakeover() {
        start();
        cutHeartbeatNetwork();
        awaitLinks("node-b", "node-a", false, true);
        assertEquals(true, pair.status("node-b").get("degraded"));
        assertNoTakeoverFor(DEADTIME.multipliedBy(10));
        assertTrue(journaled("node-b", "link-down"));
        Shell.Result text = pair.hactl("status", "--socket", pair.socket("node-b").toString());
        assertTrue(text.stdout().contains("DEGRADED") && text.stdout().contains("multicast:DOWN"), text.stdout());
        mendHeartbeatNetwork();
        awaitLinks("node-b", "node-a", true, true);
        assertEquals(false, pair.status("node-b").get("degraded"));
    }

    @Test
    void serialCutWhileTheNetworkIsUpIsDegradedAndTheLinkComesBackByItself() {
        start();
        cutCable();
        awaitLinks("node-b", "node-a", true, false);
        assertEquals(true, pair.status("node-a").get("degraded"));
        assertNoTakeoverFor(DEADTIME.multipliedBy(5));
        plugCable();
        awaitLinks("node-b", "node-a", true, true);
        awaitLinks("node-a", "node-b", true, true);
        assertEquals(false, pair.status("node-b").get("degraded"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothCutIsAPartitionJournaledAndShownThenTheNewerEpochKeepsTheGroup() {
        start();
        long cut = System.currentTimeMillis();
        partitionHeartbeatNetwork();
        cutCable();
        pair.awaitActive("node-b", Duration.ofSeconds(10));
        assertTrue(journaled("node-b", "partition"), "node-b journals the partition");
        assertEquals(List.of("node-a"), pair.status("node-b").get("partitioned_from"));
        Shell.Result text = pair.hactl("status", "--socket", pair.socket("node-b").toString());
        assertTrue(text.stdout().contains("PARTITION suspected"), text.stdout());
        // Fencing is off in this test: node-a kept the group too (FencingIT shows the same cut with fencing).
        assertEquals("ACTIVE", pair.state("node-a"));
        System.out.println("[both cut] two holders: " + vip.intervalsWithTwoHolders() + " (fencing off in this test)");

        healHeartbeatNetwork();
        plugCable();
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(pair.state("node-a")) && "ACTIVE".equals(pair.state("node-b")));
        vip.awaitHolders(Timing.scaled(Duration.ofSeconds(5)), "node-b");
        assertTrue(journaled("node-a", "two-owners"), "node-a journals the two owners and releases");
        assertTrue(journaled("node-b", "partition-healed"));
        for (VipWatch.Interval i : vip.intervalsWithTwoHolders()) {
            assertTrue(i.fromEpochMillis() >= cut, vip.toString());
        }
    }

    @Test
    void anOwnerCutOffOnItsOwnSideReleasesAndTheBackupTakesOverWithOneHolder() {
        start();
        long cut = System.currentTimeMillis();
        lab.linkDown("node-a", "eth1");
        cutCable();
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(pair.state("node-a")) && "ACTIVE".equals(pair.state("node-b")));
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(5)));
        assertTrue(journaled("node-a", "isolated"), "node-a journals that it is the one cut off");
        assertTrue(!journaled("node-b", "isolated"), "node-b's own link is up: it is not cut off");
        System.out.println("[owner cut off] " + client.outageAround(cut, "node-b") + "; holders " + vip);

        lab.linkUp("node-a", "eth1");
        plugCable();
        awaitLinks("node-a", "node-b", true, true);
        assertNoMoveFor("node-b", DEADTIME.multipliedBy(3));
        assertEquals(1, vip.maxHolders(), "never two holders: " + vip);
    }

    @Test
    void aBackupCutOffOnItsOwnSideClaimsNothing() {
        start();
        lab.linkDown("node-b", "eth1");
        cutCable();
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> journaled("node-b", "isolated"));
        assertNoTakeoverFor(DEADTIME.multipliedBy(5));
        assertTrue(journaled("node-b", "partition"), "node-b journals the silent owner as a partition");
        lab.linkUp("node-b", "eth1");
        plugCable();
        awaitLinks("node-b", "node-a", true, true);
        assertNoTakeoverFor(DEADTIME.multipliedBy(2));
    }

    /** {@code owner} keeps the group and the other node stands by for {@code d}. */
    void assertNoMoveFor(String owner, Duration d) {
        String other = owner.equals("node-a") ? "node-b" : "node-a";
        await().during(Timing.scaled(d)).atMost(Timing.scaled(d.plusSeconds(5))).pollInterval(250, TimeUnit.MILLISECONDS)
                .until(() -> "ACTIVE".equals(pair.state(owner)) && "STANDBY".equals(pair.state(other)));
        assertEquals(owner, client.lastAnswer().orElseThrow());
    }

    @Test
    void nodeDeathWithBothMediaUpTakesOverWithinDeadtimeAndGarp() {
        start();
        long fault = System.currentTimeMillis();
        lab.linkDown("node-a", "eth0");
        lab.linkDown("node-a", "eth1");
        pair.daemon("node-a").kill9();
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        ClientPoller.Outage outage = client.outageAround(fault, "node-b");
        System.out.println("[node death, two media] " + outage);
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(SpineIT.NODE_DEATH_OUTAGE_BOUND)) < 0, outage.toString());
        assertTrue(!journaled("node-b", "partition"), "a death with our own media up is no partition");
    }

    @Test
    @SuppressWarnings("unchecked")
    void garbageOnTheSerialLineIsIgnoredAndCounted() throws IOException {
        start();
        Random random = new Random(42);
        try (FileOutputStream line = new FileOutputStream(ttyA.toFile())) {
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[1 + random.nextInt(200)];
                random.nextBytes(junk);
                line.write(junk);
                line.flush();
            }
        }
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> serialRejected("node-b") > 0);
        assertNoTakeoverFor(DEADTIME.multipliedBy(3));
        awaitLinks("node-b", "node-a", true, true);
        System.out.println("[garbage] node-b serial counters: " + serialMedium("node-b"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> serialMedium(String node) {
        for (Object o : (List<Object>) pair.status(node).get("media")) {
            if ("serial".equals(((Map<String, Object>) o).get("name"))) {
                return (Map<String, Object>) o;
            }
        }
        throw new AssertionError("no serial medium on " + node);
    }

    long serialRejected(String node) {
        Map<String, Object> m = serialMedium(node);
        long garbage = m.get("garbage_bytes") instanceof Number n ? n.longValue() : 0;
        return ((Number) m.get("rejected")).longValue() + garbage;
    }
}
