package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.heartbeat.tool.ForgeBeacons;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The spine end to end: two real daemons in network namespaces, a client polling the VIP every
 * 10 ms without ever flushing its ARP cache, and a watch on which nodes hold the VIP.
 * Default timing: interval 200 ms, deadtime 1 s.
 */
class SpineIT extends LabTest {
    static final Duration NODE_DEATH_OUTAGE_BOUND = Duration.ofMillis(1500);

    Lab lab;
    HeartlinePair pair;
    ClientPoller client;
    VipWatch vip;

    /** Lab, echo services, VIP watch, both daemons; waits until node-a serves the VIP to the client. */
    void coldStart() {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(10)));
    }

    void assertBothAgree(String owner, long epoch) {
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() -> {
            for (String node : List.of("node-a", "node-b")) {
                Map<String, Object> g = pair.group(node);
                assertEquals(owner, g.get("owner"), node + " says " + g);
                assertEquals(epoch, ((Number) g.get("epoch")).longValue(), node + " says " + g);
            }
        });
    }

    @Test
    void coldStartThePreferredNodeOwnsTheVipAndBothAgree() {
        coldStart();
        assertEquals("ACTIVE", pair.state("node-a"));
        assertEquals("STANDBY", pair.state("node-b"));
        assertBothAgree("node-a", 1);
        assertEquals(lab.mac("node-a", "eth0"), lab.neighbourMac("client", HeartlinePair.VIP).orElseThrow());
        assertEquals(1, vip.maxHolders(), vip.toString());
        Shell.Result text = pair.hactl("status", "--socket", pair.socket("node-a").toString());
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().matches("(?s).*web +ACTIVE +node-a +1 .*node-b=STANDBY.*"), text.stdout());
    }

    @Test
    void nodeDeathTheBackupTakesOverAndTheClientFollowsTheGratuitousArp() {
        coldStart();
        long fault = System.currentTimeMillis();
        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        ClientPoller.Outage outage = client.outageAround(fault, "node-b");
        System.out.println("[node death] " + outage);
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(NODE_DEATH_OUTAGE_BOUND)) < 0, outage.toString());
        assertEquals(lab.mac("node-b", "eth0"), lab.neighbourMac("client", HeartlinePair.VIP).orElseThrow(),
                "the client's neighbour entry follows node-b's gratuitous ARP");
        assertEquals("ACTIVE", pair.state("node-b"));
        assertEquals(2L, ((Number) pair.group("node-b").get("epoch")).longValue());
        // A dead node keeps whatever its namespace held; only after the fault may it appear beside node-b.
        for (VipWatch.Interval i : vip.intervalsWithTwoHolders()) {
            assertTrue(i.fromEpochMillis() >= fault, "two holders before the fault: " + vip);
        }
        assertTrue(pair.journalEntries("node-b").stream().anyMatch(e -> "peer-dead".equals(e.get("kind"))));
    }

    @Test
    void daemonCrashTheBackupTakesOverAndTheRestartedPrimaryCleansUpAndStaysStandby() {
        coldStart();
        long crash = System.currentTimeMillis();
        pair.daemon("node-a").kill9();
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        ClientPoller.Outage outage = client.outageAround(crash, "node-b");
        System.out.println("[daemon crash] " + outage);
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(NODE_DEATH_OUTAGE_BOUND)) < 0, outage.toString());
        assertEquals(lab.mac("node-b", "eth0"), lab.neighbourMac("client", HeartlinePair.VIP).orElseThrow());

        long restart = System.currentTimeMillis();
        pair.start("node-a");
        vip.awaitHolders(Timing.scaled(Duration.ofSeconds(10)), "node-b");
        long cleaned = System.currentTimeMillis();
        assertTrue(pair.journalEntries("node-a").stream().anyMatch(e -> "stale-vip-removed".equals(e.get("kind"))),
                "the restarted primary journals the stale VIP it removed");
        // Failback is manual: node-a stays standby. Each poll runs hactl twice (up to ~1 s each on a
        // loaded machine), so the bound leaves room for the first poll besides the 4 s it must hold.
        await().during(Timing.scaled(Duration.ofSeconds(4))).atMost(Timing.scaled(Duration.ofSeconds(10)))
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(pair.state("node-a")) && "ACTIVE".equals(pair.state("node-b")));
        assertBothAgree("node-b", 2);
        assertEquals("node-b", client.lastAnswer().orElseThrow());
        // The killed daemon could not remove its VIP: two holders only between the crash and the restart's clean-up.
        for (VipWatch.Interval i : vip.intervalsWithTwoHolders()) {
            assertTrue(i.fromEpochMillis() >= crash && i.toEpochMillis() <= cleaned + 100, vip.toString());
        }
        System.out.println("[daemon crash] both held the VIP between the crash and the restart ("
                + (restart - crash) + " ms in this test); the client followed node-b's GARP throughout");
    }

    @Test
    void hactlFailoverIsACleanHandoff() {
        coldStart();
        long asked = System.currentTimeMillis();
        Shell.Result r = pair.hactl("failover", "web", "--to", "node-b", "--socket", pair.socket("node-a").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("now runs on node-b (epoch 2"), r.stdout());
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(5)));
        System.out.println("[hactl failover] " + client.outageAround(asked, "node-b") + "; hactl: " + r.stdout().strip());
        assertBothAgree("node-b", 2);
        assertEquals(1, vip.maxHolders(), "never two holders in a handoff: " + vip);
        assertEquals(lab.mac("node-b", "eth0"), lab.neighbourMac("client", HeartlinePair.VIP).orElseThrow());

        // And back again from the other side: the non-owner asks, the owner hands over.
        Shell.Result back = pair.hactl("failover", "--socket", pair.socket("node-a").toString());
        assertEquals(0, back.exitCode(), back.stderr());
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(5)));
        assertBothAgree("node-a", 3);
        assertEquals(1, vip.maxHolders(), vip.toString());

        Shell.Result refused = pair.hactl("failover", "--to", "node-z", "--socket", pair.socket("node-a").toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.stderr().contains("no node 'node-z'"), refused.stderr());
    }

    @Test
    void aBadConfigIsRefusedWithFileLineAndKey() throws Exception {
        lab = lab(b -> b.nodes("node-a", "node-b"));
        pair = new HeartlinePair(lab).with("  timing { deadtme = 2s }");
        Path conf = pair.config("node-a");
        int line = Files.readAllLines(conf).indexOf("  timing { deadtme = 2s }") + 1;
        LabProcess p = lab.start("node-a", ProcessSpec.of("bad", pair.hactl().toString(), "daemon", "--config", conf.toString()));
        assertEquals(78, p.awaitExit(Timing.scaled(Duration.ofSeconds(20))), p.output());
        assertTrue(p.output().contains(conf + ":" + line + ": heartline.timing.deadtme: unknown key"), p.output());
        Shell.Result check = pair.hactl("config", "check", conf.toString());
        assertEquals(78, check.exitCode());
        assertTrue(check.stderr().contains(conf + ":" + line + ": heartline.timing.deadtme"), check.stderr());
    }

    @Test
    void aForgedBeaconFromTheClientChangesNothingAndIsCounted() throws Exception {
        coldStart();
        Path wrongKey = lab.logDir().resolve("wrong-key");
        Files.writeString(wrongKey, "not-the-cluster-key-0123456789abcdef\n");
        LabProcess forger = lab.start("client", ProcessSpec.of("forger", JavaCommand.ofTool(ForgeBeacons.class,
                "--cluster", "lab", "--mcast-addr", "239.192.76.1",
                "--mcast-port", "7640", "--bind", lab.ip("client"), "--node", "node-b", "--group", "web",
                "--key-file", wrongKey.toString(), "--count", "20", "--epoch", "1000000")));
        assertEquals(0, forger.awaitExit(Timing.scaled(Duration.ofSeconds(30))), forger.output());
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> rejectedBadMac("node-a") > 0);
        assertEquals("ACTIVE", pair.state("node-a"));
        assertBothAgree("node-a", 1);
        assertEquals(1, vip.maxHolders(), vip.toString());
        assertEquals("node-a", client.lastAnswer().orElseThrow());
        System.out.println("[forged beacons] node-a rejected " + rejectedBadMac("node-a") + " with BAD_MAC, node-b "
                + rejectedBadMac("node-b"));
    }

    @SuppressWarnings("unchecked")
    long rejectedBadMac(String node) {
        Map<String, Object> medium = (Map<String, Object>) ((List<Object>) pair.status(node).get("media")).get(0);
        Object n = ((Map<String, Object>) medium.get("rejected_by_reason")).get("BAD_MAC");
        return n == null ? 0 : ((Number) n).longValue();
    }
}
