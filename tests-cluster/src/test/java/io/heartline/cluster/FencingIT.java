package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fencing with a real fence device: each node's BMC is OpenIPMI's ipmi_sim on the LAN, driven by
 * fence_ipmilan from the fence-agents package exactly as Pacemaker would run it. Heartbeats run on
 * a separate network and a serial cable, so cutting both leaves the LAN (client, BMCs) up.
 */
class FencingIT extends LabTest {
    static final int PARTITION_RUNS = 20;

    Lab lab;
    HeartlinePair pair;
    LabProcess cable;
    ClientPoller client;
    VipWatch vip;
    Map<String, Bmc> bmcs;

    /** The pair with two heartbeat media and a fence_ipmilan device per node; node-a owns the VIP. */
    void start(String fencingOverride) {
        lab = lab(b -> b.network(Network.LAN).network(Network.HEARTBEAT).nodes("node-a", "node-b")
                .client("client").client("bmc-a").client("bmc-b"));
        bmcs = Map.of("node-a", new Bmc(lab, "bmc-a", "node-a").start(), "node-b", new Bmc(lab, "bmc-b", "node-b").start());
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        pair.withMedia(node -> """
                { type = multicast, interface = eth1, group = "239.192.76.2", port = 7641 }
                { type = serial, device = "%s" }""".formatted(pair.work().resolve(node.equals("node-a") ? "ttyA" : "ttyB")));
        pair.withFencing(fencingOverride != null ? fencingOverride : """
                {
                    delay = 2s
                    timeout = 20s
                    devices = [ { type = fence-agent, name = ipmi, agent = fence_ipmilan,
                      options { username = %s, password = "%s", lanplus = 1, cipher = 3, power_wait = 0 },
                      nodes { %s, %s } } ]
                  }""".formatted(Bmc.USER, Bmc.PASSWORD, bmcs.get("node-a").nodeEntry(), bmcs.get("node-b").nodeEntry()));
        // A peer not heard within initdead is fenced before the first claim (startup fencing). The
        // daemons here start one after another, seconds apart: initdead must cover that spread.
        pair.with("  timing { initdead = 15s }");
        plugCable();
        for (String node : List.of("node-a", "node-b")) {
            startDaemon(node);
        }
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(10)));
    }

    void startDaemon(String node) {
        LabProcess p = pair.start(node);
        bmcs.get(node).onPowerOff(p.pid());
    }

    void plugCable() {
        cable = lab.start("node-a", ProcessSpec.of("cable", "socat", "pty,raw,echo=0,link=" + pair.work().resolve("ttyA"),
                "pty,raw,echo=0,link=" + pair.work().resolve("ttyB")));
        await().atMost(Timing.scaled(Duration.ofSeconds(5)))
                .until(() -> Files.exists(pair.work().resolve("ttyA")) && Files.exists(pair.work().resolve("ttyB")));
    }

    void cutBothHeartbeatPaths() {
        lab.linkDown("node-a", "eth1");
        lab.linkDown("node-b", "eth1");
        cable.kill9();
    }

    void mendHeartbeatPaths() {
        lab.linkUp("node-a", "eth1");
        lab.linkUp("node-b", "eth1");
        plugCable();
    }

    /** The fenced node comes back: power, cables, a fresh daemon; it must stay standby. */
    void reviveFenced(String node) {
        bmcs.get(node).powerOnAndPlugIn();
        mendHeartbeatPaths();
        startDaemon(node);
        String other = node.equals("node-a") ? "node-b" : "node-a";
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(pair.state(node)) && "ACTIVE".equals(pair.state(other)));
    }

    String liveOwner() {
        for (String node : List.of("node-a", "node-b")) {
            LabProcess d = pair.daemon(node);
            if (d != null && d.isAlive() && "ACTIVE".equals(pair.state(node))) {
                return node;
            }
        }
        return null;
    }

    @Test
    void aPartitionEndsWithExactlyOneOwnerEveryTime() {
        start(null);
        int twoOwnerRuns = 0;
        int noOwnerRuns = 0;
        StringBuilder runs = new StringBuilder();
        for (int run = 1; run <= PARTITION_RUNS; run++) {
            String owner = liveOwner();
            VipWatch watch = VipWatch.start(lab, HeartlinePair.VIP, "eth0");
            long cut = System.currentTimeMillis();
            cutBothHeartbeatPaths();
            await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> bmcs.values().stream().filter(Bmc::poweredOff).count() == 1);
            String fenced = bmcs.get("node-a").poweredOff() ? "node-a" : "node-b";
            String survivor = fenced.equals("node-a") ? "node-b" : "node-a";
            await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> "ACTIVE".equals(pair.state(survivor)));
            vipFollows(watch, survivor);
            watch.close();
            boolean twoOwners = watch.intervalsWithTwoHolders().stream().anyMatch(i -> i.fromEpochMillis() >= cut);
            boolean noOwner = liveOwner() == null;
            twoOwnerRuns += twoOwners ? 1 : 0;
            noOwnerRuns += noOwner ? 1 : 0;
            runs.append(String.format("run %2d: owner %s, %s fenced, %s owns (%d ms from the cut)%n", run, owner, fenced,
                    survivor, System.currentTimeMillis() - cut));
            reviveFenced(fenced);
            assertFalse(bmcs.get("node-a").poweredOff() && bmcs.get("node-b").poweredOff(), "both fenced");
            if (run % 2 == 0) { // alternate the owner: a partition while node-b owns, too
                Shell.Result r = pair.hactl("failover", "--socket", pair.socket(liveOwner()).toString());
                assertEquals(0, r.exitCode(), r.stderr());
            }
        }
        System.out.print("[partition x" + PARTITION_RUNS + "] two owners at any sample: " + twoOwnerRuns
                + " runs, no owner at the end: " + noOwnerRuns + " runs\n" + runs);
        assertEquals(0, twoOwnerRuns, runs.toString());
        assertEquals(0, noOwnerRuns, runs.toString());
    }

    void vipFollows(VipWatch watch, String owner) {
        watch.awaitHolders(Timing.scaled(Duration.ofSeconds(10)), owner);
    }

    @Test
    void anUnreachableFenceDeviceMeansNoTakeoverUntilItAnswers() {
        start(null);
        bmcs.get("node-a").stop();
        long fault = System.currentTimeMillis();
        nodeDies("node-a");
        await().atMost(Timing.scaled(Duration.ofSeconds(40))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> pair.journalEntries("node-b").stream().anyMatch(e -> "fence-failed".equals(e.get("kind"))));
        assertEquals("STANDBY", pair.state("node-b"), "no takeover without a confirmed fence");
        assertTrue(fencingPhase("node-b", "node-a").matches("FAILED|RUNNING"), fencingPhase("node-b", "node-a"));
        Shell.Result text = pair.hactl("status", "--socket", pair.socket("node-b").toString());
        assertTrue(text.stdout().contains("fence failed") || text.stdout().contains("RUNNING"), text.stdout());
        bmcs.get("node-a").start();
        pair.awaitActive("node-b", Duration.ofSeconds(90));
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        assertTrue(pair.journalEntries("node-b").stream().anyMatch(e -> "fence-ok".equals(e.get("kind"))));
        System.out.println("[fence device down] takeover " + (System.currentTimeMillis() - fault)
                + " ms after the death, once the BMC answered again");
    }

    @SuppressWarnings("unchecked")
    String fencingPhase(String on, String peer) {
        Map<String, Object> f = (Map<String, Object>) pair.status(on).get("fencing");
        Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) f.get("peers")).get(peer);
        return p == null ? "none" : String.valueOf(p.get("phase"));
    }

    @Test
    void withTheManualAgentTheTakeoverWaitsForFenceAck() {
        start("{ delay = 3s, devices = [ { type = manual } ] }");
        nodeDies("node-a");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> pair.hactl("status", "--socket", pair.socket("node-b").toString()).stdout()
                        .contains("hactl fence-ack node-a"));
        await().during(Timing.scaled(Duration.ofSeconds(3))).atMost(Timing.scaled(Duration.ofSeconds(5)))
                .until(() -> "STANDBY".equals(pair.state("node-b")));
        Shell.Result ack = pair.hactl("fence-ack", "node-a", "--yes-i-checked", "node-a", "--socket", pair.socket("node-b").toString());
        assertEquals(0, ack.exitCode(), ack.stderr());
        pair.awaitActive("node-b", Duration.ofSeconds(10));
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
    }

    /** A dead node fenced at once by the preferred node: fencing adds only the agent's own time. */
    @Test
    void nodeDeathWithFencingAddsOnlyTheAgentsTime() {
        start(null);
        assertEquals(0, pair.hactl("failover", "--to", "node-b", "--socket", pair.socket("node-a").toString()).exitCode());
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(5)));
        ClientPoller.Outage outage = killAndMeasure("node-b", "node-a");
        long fenceMs = lastFenceMillis("node-a");
        System.out.println("[node death, fencing on, the preferred node fences at once] " + outage + "; fence_ipmilan "
                + fenceMs + " ms");
        assertTrue(bmcs.get("node-b").poweredOff(), "node-a fenced node-b through its BMC before taking over");
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(SpineIT.NODE_DEATH_OUTAGE_BOUND.plusMillis(fenceMs))) < 0,
                "deadtime + GARP + the agent's time: " + outage);
    }

    /** The preferred node dies: the backup waits its fence delay (2 s here) before fencing, the price of never losing a fence race. */
    @Test
    void deathOfThePreferredNodeAddsTheBackupsFenceDelay() {
        start(null);
        ClientPoller.Outage outage = killAndMeasure("node-a", "node-b");
        long fenceMs = lastFenceMillis("node-b");
        System.out.println("[node death, fencing on, the backup waits its 2 s fence delay] " + outage + "; fence_ipmilan "
                + fenceMs + " ms");
        assertTrue(bmcs.get("node-a").poweredOff());
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(SpineIT.NODE_DEATH_OUTAGE_BOUND.plusSeconds(2).plusMillis(fenceMs))) < 0,
                outage.toString());
    }

    ClientPoller.Outage killAndMeasure(String dying, String survivor) {
        long fault = System.currentTimeMillis();
        nodeDies(dying);
        client.awaitAnswer(survivor, Timing.scaled(Duration.ofSeconds(15)));
        return client.outageAround(fault, survivor);
    }

    /**
     * The node loses power: its daemon frozen first (alive, it would see its cable go through link
     * events and hand its group over, which needs no fence), then its cables, then kill -9.
     */
    void nodeDies(String node) {
        pair.daemon(node).pauseTree();
        lab.linkDown(node, "eth0");
        lab.linkDown(node, "eth1");
        pair.daemon(node).kill9();
    }

    @SuppressWarnings("unchecked")
    long lastFenceMillis(String on) {
        List<Object> history = (List<Object>) ((Map<String, Object>) pair.status(on).get("fencing")).get("history");
        return ((Number) ((Map<String, Object>) history.get(history.size() - 1)).get("took_ms")).longValue();
    }
}
