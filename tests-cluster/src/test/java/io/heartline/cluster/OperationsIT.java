package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's commands on a live pair, through the daemon's control socket: reload (add a
 * VIP, remove it, change the interval: applied, and no failover; a broken config refused and the
 * old one kept), maintenance (a failed resource is left alone; monitors resume after), standby
 * and online (the groups move away and the node refuses them; online makes it a candidate again).
 */
class OperationsIT extends LabTest {
    static final String VIP2 = "10.77.0.12";

    Lab lab;
    HeartlinePair pair;
    VipWatch vip;

    void start(boolean withResource) {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        if (withResource) {
            installFlagsvc();
            pair.withNodeConfig(node -> "  resource-dir = \"" + dir(node, "resource.d") + "\"");
            pair.withResources(node -> """
                    { name = hb, type = script, params { script = flagsvc, 1 = "%s" }, monitor-interval = 1s }"""
                    .formatted(dir(node, "hb")));
        }
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(30));
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).until(() -> "STANDBY".equals(pair.state("node-b")));
    }

    Path dir(String node, String what) {
        return pair.work().resolve(node).resolve(what);
    }

    void installFlagsvc() {
        lab.nodes().forEach(node -> Flagsvc.install(dir(node, "resource.d/flagsvc")));
    }

    /** One request on {@code node}'s control socket, its answer as a map. */
    Map<String, Object> control(String node, String json) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(pair.socket(node)));
            ch.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            return JSON.std.mapFrom(new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void editConfig(String node, String from, String to) {
        try {
            String text = Files.readString(pair.config(node));
            assertTrue(text.contains(from), "config of " + node + " has no '" + from + "'");
            Files.writeString(pair.config(node), text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long epoch(String node) {
        return ((Number) pair.group(node).get("epoch")).longValue();
    }

    boolean holds(String node, String address) {
        return lab.addresses(node, "eth0").stream().anyMatch(a -> a.startsWith(address + "/"));
    }

    @Test
    void reloadAppliesVipsAndTimingsWithoutAFailoverAndRefusesABrokenConfig() {
        start(false);
        long epoch = epoch("node-a");
        String oneVip = "vips = [ { address = \"10.77.0.10/24\", interface = eth0 } ]";
        String twoVips = "vips = [ { address = \"10.77.0.10/24\", interface = eth0 }, { address = \"" + VIP2
                + "/24\", interface = eth0 } ]";
        for (String node : lab.nodes()) {
            editConfig(node, oneVip, twoVips);
        }
        Map<String, Object> a = control("node-a", "{\"cmd\":\"reload\"}");
        assertEquals(true, a.get("ok"), a.toString());
        assertEquals(List.of("vip " + VIP2 + "/24 dev eth0 added to group web"), a.get("changes"), a.toString());
        assertEquals(true, control("node-b", "{\"cmd\":\"reload\"}").get("ok"));
        assertTrue(holds("node-a", VIP2), "the owner claimed the new VIP: " + lab.addresses("node-a", "eth0"));
        assertFalse(holds("node-b", VIP2), "the standby did not");

        for (String node : lab.nodes()) {
            editConfig(node, twoVips, oneVip);
            editConfig(node, "interval = 200ms", "interval = 100ms");
        }
        Map<String, Object> b = control("node-a", "{\"cmd\":\"reload\"}");
        assertEquals(true, b.get("ok"), b.toString());
        // suspect-after is not written: it follows the interval (3 x), and the reload names that change too
        assertEquals(List.of("timing.interval: 200ms -> 100ms", "timing.suspect-after: 600ms -> 300ms",
                        "vip " + VIP2 + "/24 dev eth0 removed from group web"),
                b.get("changes"), b.toString());
        assertEquals(true, control("node-b", "{\"cmd\":\"reload\"}").get("ok"));
        assertFalse(holds("node-a", VIP2), "the removed VIP was released: " + lab.addresses("node-a", "eth0"));

        editConfig("node-a", "interval = 100ms", "interval = fast");
        Map<String, Object> broken = control("node-a", "{\"cmd\":\"reload\"}");
        assertEquals(false, broken.get("ok"), broken.toString());
        assertEquals(true, broken.get("invalid"), broken.toString());
        assertTrue(broken.get("problems").toString().contains("heartline.timing.interval"), broken.toString());

        editConfig("node-a", "interval = fast", "interval = 100ms");
        editConfig("node-a", "cluster = lab", "cluster = other");
        Map<String, Object> restart = control("node-a", "{\"cmd\":\"reload\"}");
        assertEquals(false, restart.get("ok"), restart.toString());
        assertTrue(restart.get("error").toString().contains("need a restart") && restart.get("error").toString().contains("cluster"),
                restart.toString());

        // the pair kept running on the new interval with the old owner: no failover at any point
        await().during(Timing.scaled(Duration.ofSeconds(3))).atMost(Timing.scaled(Duration.ofSeconds(15)))
                .until(() -> "ACTIVE".equals(pair.state("node-a")) && "STANDBY".equals(pair.state("node-b")));
        assertEquals(epoch, epoch("node-a"), "same term: nothing failed over");
        assertEquals(1, vip.maxHolders(), vip.toString());
        assertTrue(pair.journalEntries("node-a").stream().noneMatch(e -> "peer-dead".equals(e.get("kind"))));
        assertTrue(pair.journalEntries("node-a").stream().anyMatch(e -> "reload-refused".equals(e.get("kind"))));
        System.out.println("[operations] reload answers: " + a.get("message") + " | " + b.get("message") + " | "
                + broken.get("error"));
    }

    @Test
    void maintenanceLeavesAFailedResourceAloneAndMonitorsResumeWhenItEnds() throws IOException {
        start(true);
        assertEquals(true, control("node-a", "{\"cmd\":\"maintenance\",\"on\":true}").get("ok"));
        assertEquals(true, pair.status("node-a").get("maintenance"));
        int opsBefore = resourceEvents("node-a");
        Files.writeString(dir("node-a", "hb/fail-monitor"), "");
        await().during(Timing.scaled(Duration.ofSeconds(4))).atMost(Timing.scaled(Duration.ofSeconds(15)))
                .until(() -> "ACTIVE".equals(pair.state("node-a")));
        assertEquals(opsBefore, resourceEvents("node-a"), "nothing was monitored, stopped or restarted");
        assertTrue(Files.exists(dir("node-a", "hb/running")), "the resource was left as it was");
        Map<String, Object> refused = control("node-a", "{\"cmd\":\"failover\"}");
        assertEquals(false, refused.get("ok"), refused.toString());

        assertEquals(true, control("node-a", "{\"cmd\":\"maintenance\",\"on\":false}").get("ok"));
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> resourceEvents("node-a") > opsBefore);
        assertTrue(pair.journalEntries("node-a").stream().anyMatch(e -> "resource-state".equals(e.get("kind"))
                && "hb".equals(e.get("resource")) && "FAILED".equals(e.get("to"))), "the resumed monitor saw the failure");
        Files.delete(dir("node-a", "hb/fail-monitor"));
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> pair.journalEntries("node-a").stream().filter(e -> "resource-state".equals(e.get("kind"))
                        && "hb".equals(e.get("resource"))).reduce((x, y) -> y).map(e -> "RUNNING".equals(e.get("to")))
                        .orElse(false));
        assertEquals(1, vip.maxHolders(), vip.toString());
    }

    int resourceEvents(String node) {
        return (int) pair.journalEntries(node).stream().filter(e -> ("resource-op".equals(e.get("kind"))
                || "resource-state".equals(e.get("kind"))) && "hb".equals(e.get("resource"))
                && !"RUNNING".equals(e.get("to"))).count();
    }

    @Test
    void standbyHandsTheGroupOverAndRefusesItUntilOnline() {
        start(false);
        Map<String, Object> s = control("node-a", "{\"cmd\":\"standby\"}");
        assertEquals(true, s.get("ok"), s.toString());
        assertEquals("OFFLINE", pair.state("node-a"));
        assertEquals("standby", pair.status("node-a").get("mode"));
        pair.awaitActive("node-b", Duration.ofSeconds(10));
        // node-a is preferred, but in standby it gets no failback and takes nothing
        await().during(Timing.scaled(Duration.ofSeconds(2))).atMost(Timing.scaled(Duration.ofSeconds(12)))
                .until(() -> "OFFLINE".equals(pair.state("node-a")));
        Map<String, Object> refused = control("node-b", "{\"cmd\":\"failover\",\"to\":\"node-a\"}");
        assertEquals(false, refused.get("ok"), refused.toString());

        assertEquals(true, control("node-a", "{\"cmd\":\"online\"}").get("ok"));
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> "STANDBY".equals(pair.state("node-a")));
        Map<String, Object> back = control("node-b", "{\"cmd\":\"failover\",\"to\":\"node-a\"}");
        assertEquals(true, back.get("ok"), back.toString());
        pair.awaitActive("node-a", Duration.ofSeconds(10));
        assertEquals(1, vip.maxHolders(), vip.toString());
        Map<String, Object> events = control("node-a", "{\"cmd\":\"events\",\"limit\":10000}");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) events.get("events");
        assertTrue(list.stream().anyMatch(e -> "standby".equals(e.get("kind"))), "events carry the standby");
        assertTrue(list.stream().anyMatch(e -> "transition".equals(e.get("kind")) && e.get("cause") != null
                && ((Map<?, ?>) e.get("details")).get("to").equals("OFFLINE")), "and the cause of each transition");
        Map<String, Object> later = control("node-a", "{\"cmd\":\"events\",\"after\":" + events.get("next") + "}");
        assertEquals(List.of(), later.get("events"), "nothing new after the cursor");
    }
}
