package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Resource groups end to end: real OCF agents from Debian's resource-agents package
 * (ocf:heartbeat:Dummy, and ocf:heartbeat:IPaddr2 managing a second VIP inside each node's
 * namespace), an LSB init script and a heartbeat-style script, started in order after the VIP and
 * stopped in reverse; monitors, restarts, hangs and failed stops.
 */
class ResourcesIT extends LabTest {
    static final String VIP2 = "10.77.0.11";

    Lab lab;
    HeartlinePair pair;
    ClientPoller client;
    VipWatch vip;

    Path dir(String node, String what) {
        return pair.work().resolve(node).resolve(what);
    }

    /** resource.d/flagsvc and init.d/lsbsvc (flagsvc in LSB style on a state directory of its own) on each node. */
    void installScripts() {
        try {
            for (String node : lab.nodes()) {
                Path script = dir(node, "resource.d/flagsvc");
                Flagsvc.install(script);
                Path lsb = dir(node, "init.d/lsbsvc");
                Files.createDirectories(lsb.getParent());
                Files.writeString(lsb, "#!/bin/sh\nexec " + script + " " + dir(node, "lsb") + " \"$@\"\n");
                executable(lsb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void executable(Path p) throws IOException {
        Flagsvc.executable(p);
    }

    void start(java.util.function.Function<String, String> resources, boolean bothNodes) {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        installScripts();
        pair.withNodeConfig(node -> "  resource-dir = \"" + dir(node, "resource.d") + "\"\n  init-dir = \"" + dir(node, "init.d") + "\"");
        pair.withResources(resources);
        pair.start("node-a");
        if (bothNodes) {
            pair.start("node-b");
        }
    }

    void awaitClient(String node) {
        if (client == null) {
            client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        }
        client.awaitAnswer(node, Timing.scaled(Duration.ofSeconds(15)));
    }

    String fullGroup(String node) {
        return """
                { name = dummy, type = "ocf:heartbeat:Dummy", params { state = "%s" } }
                { name = vip2, type = "ocf:heartbeat:IPaddr2", params { ip = "%s", cidr_netmask = "24", nic = eth0 } }
                { name = lsb, type = lsb, params { service = lsbsvc } }
                { name = hb, type = script, params { script = flagsvc, 1 = "%s" }, monitor-interval = 1s }"""
                .formatted(dir(node, "dummy.state"), VIP2, dir(node, "hb"));
    }

    List<String> resourceOps(String node, String op) {
        return pair.journalEntries(node).stream()
                .filter(e -> "resource-op".equals(e.get("kind")) && op.equals(e.get("op")))
                .map(e -> (String) e.get("resource")).toList();
    }

    @Test
    void realAgentsStartInOrderAndStopInReverseAndMoveWithTheGroup() {
        start(this::fullGroup, true);
        pair.awaitActive("node-a", Duration.ofSeconds(30));
        awaitClient("node-a");
        assertEquals(List.of("vip", "dummy", "vip2", "lsb", "hb"), resourceOps("node-a", "START"));
        assertTrue(lab.addresses("node-a", "eth0").stream().anyMatch(a -> a.startsWith(VIP2 + "/")),
                "IPaddr2 put the second VIP on node-a: " + lab.addresses("node-a", "eth0"));
        Shell.Result text = pair.hactl("status", "--socket", pair.socket("node-a").toString());
        assertTrue(text.stdout().contains("web/vip2") && text.stdout().contains("ocf:heartbeat:IPaddr2"), text.stdout());

        Shell.Result moved = pair.hactl("failover", "--socket", pair.socket("node-a").toString());
        assertEquals(0, moved.exitCode(), moved.stderr());
        awaitClient("node-b");
        assertEquals(List.of("hb", "lsb", "vip2", "dummy", "vip"), resourceOps("node-a", "STOP"), "reverse order");
        assertEquals(List.of("vip", "dummy", "vip2", "lsb", "hb"), resourceOps("node-b", "START"));
        assertTrue(lab.addresses("node-b", "eth0").stream().anyMatch(a -> a.startsWith(VIP2 + "/")));
        assertTrue(lab.addresses("node-a", "eth0").stream().noneMatch(a -> a.startsWith(VIP2 + "/")));
        assertEquals(1, vip.maxHolders(), vip.toString());
        System.out.println("[resources] hactl failover of a 5-resource group: " + moved.stdout().strip());
    }

    @Test
    void aFailingMonitorRestartsInPlaceThenTheGroupMovesAndTheClientFollows() throws IOException {
        start(node -> """
                { name = hb, type = script, params { script = flagsvc, 1 = "%s" }, monitor-interval = 1s,
                  max-restarts = 2, restart-window = 5m }""".formatted(dir(node, "hb")), true);
        pair.awaitActive("node-a", Duration.ofSeconds(30));
        awaitClient("node-a");
        Files.writeString(dir("node-a", "hb/fail-monitor"), "");
        awaitClient("node-b");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).until(() -> "FAULT".equals(pair.state("node-a")));
        long restarts = pair.journalEntries("node-a").stream().filter(e -> "resource-state".equals(e.get("kind"))
                && "hb".equals(e.get("resource")) && "STARTING".equals(e.get("to"))).count() - 1;
        assertEquals(2, restarts, "restarted in place twice before giving the group up");
        assertTrue(pair.journalEntries("node-a").stream().anyMatch(e -> "resource-failed".equals(e.get("kind"))));
        assertEquals(1, vip.maxHolders(), vip.toString());

        Files.delete(dir("node-a", "hb/fail-monitor"));
        Shell.Result cleanup = pair.hactl("resource", "cleanup", "web/hb", "--socket", pair.socket("node-a").toString());
        assertEquals(0, cleanup.exitCode(), cleanup.stderr());
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> "STANDBY".equals(pair.state("node-a")));
    }

    @Test
    void aStartThatHangsIsKilledAtItsTimeoutAndTheGroupFailsOver() throws IOException {
        start(node -> """
                { name = hb, type = script, params { script = flagsvc, 1 = "%s" }, start-timeout = 3s }"""
                .formatted(dir(node, "hb")), false);
        Files.createDirectories(dir("node-a", "hb"));
        Files.writeString(dir("node-a", "hb/hang-start"), "");
        pair.start("node-b");
        await().atMost(Timing.scaled(Duration.ofSeconds(30))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> "ACTIVE".equals(pair.state("node-b")));
        awaitClient("node-b");
        assertEquals("FAULT", pair.state("node-a"));
        Map<String, Object> hang = pair.journalEntries("node-a").stream().filter(e -> "resource-op".equals(e.get("kind"))
                && "START".equals(e.get("op")) && "hb".equals(e.get("resource"))).findFirst().orElseThrow();
        System.out.println("[resources] hanging start on node-a: " + hang.get("cause") + " after " + hang.get("took_ms") + " ms");
        assertTrue(((Number) hang.get("took_ms")).longValue() < 10_000, hang.toString());
        assertEquals(1, vip.maxHolders(), vip.toString());
    }

    @Test
    void aStopThatFailsLeavesTheGroupBlockedAndNeverOnTwoNodes() throws IOException {
        start(node -> """
                { name = hb, type = script, params { script = flagsvc, 1 = "%s" } }""".formatted(dir(node, "hb")), true);
        pair.awaitActive("node-a", Duration.ofSeconds(30));
        awaitClient("node-a");
        Files.writeString(dir("node-a", "hb/fail-stop"), "");
        Shell.Result r = pair.hactl("failover", "--socket", pair.socket("node-a").toString());
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("FAULT and blocked"), r.stderr());
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).until(() -> "FAULT".equals(pair.state("node-a")));
        await().during(Timing.scaled(Duration.ofSeconds(3))).atMost(Timing.scaled(Duration.ofSeconds(5)))
                .until(() -> "STANDBY".equals(pair.state("node-b")));
        assertTrue(Files.exists(dir("node-a", "hb/running")), "the resource that would not stop still runs on node-a");
        assertTrue(vip.maxHolders() <= 1, vip.toString());
    }

    @Test
    void failoverTimeOfAFiveResourceGroupAfterANodeDeath() {
        start(this::fullGroup, true);
        pair.awaitActive("node-a", Duration.ofSeconds(30));
        awaitClient("node-a");
        long fault = System.currentTimeMillis();
        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        awaitClient("node-b");
        ClientPoller.Outage outage = client.outageAround(fault, "node-b");
        pair.awaitActive("node-b", Duration.ofSeconds(30)); // the client is served from the VIP on; the rest start after
        long startMs = pair.journalEntries("node-b").stream().filter(e -> "resource-op".equals(e.get("kind"))
                && "START".equals(e.get("op"))).mapToLong(e -> ((Number) e.get("took_ms")).longValue()).sum();
        System.out.println("[resources] node death with 5 resources (VIP, Dummy, IPaddr2, LSB, script): " + outage
                + "; starting them took " + startMs + " ms in all");
        // The VIP starts first: the client is served once it is up, while the later resources start.
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(SpineIT.NODE_DEATH_OUTAGE_BOUND)) < 0, outage.toString());
    }
}
