package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tie-breaks' keys: {@code ping-nodes}, {@code ping-interval} and {@code witness { ... }}.
 * Absent means none; every bad value is named by key and line (the extra lines start on line 11).
 */
class TiebreakConfigTest {
    @TempDir
    Path dir;

    private ConfigProblem onlyProblem(String extra) throws Exception {
        List<ConfigProblem> p = TestConfigFiles.problems(dir, extra);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void noneUnlessConfigured() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir, "");
        assertEquals(PingConfig.NONE, c.ping());
        assertFalse(c.ping().enabled());
        assertEquals(WitnessConfig.NONE, c.witness());
        assertFalse(c.witness().enabled());
        assertEquals(Duration.ofMillis(100), c.ping().interval());
    }

    @Test
    void pingNodesAreIpLiteralsOfEitherFamily() throws Exception {
        PingConfig p = TestConfigFiles.load(dir, "ping-nodes = [ 10.77.0.254, \"2001:db8::1\" ]\nping-interval = 50ms").ping();
        assertTrue(p.enabled());
        assertEquals(List.of(InetAddress.getByName("10.77.0.254"), InetAddress.getByName("2001:db8::1")), p.nodes());
        assertEquals(Duration.ofMillis(50), p.interval());
        assertFalse(TestConfigFiles.load(dir, "ping-nodes = []").ping().enabled(), "an empty list is none");
    }

    @Test
    void aBadPingNodeIsNamedByItsEntryAndLine() throws Exception {
        ConfigProblem name = onlyProblem("  ping-nodes = [\n 10.77.0.254,\n gateway.example ]");
        assertEquals("heartline.ping-nodes[1]", name.key());
        assertEquals(13, name.line());
        assertTrue(name.message().startsWith("'gateway.example' is not an IP address (host names are not accepted"),
                name.message());
        assertEquals("heartline.ping-nodes[0]", onlyProblem("ping-nodes = [ 10.0.0.300 ]").key(),
                "an octet above 255 is no address (and never a DNS look-up)");
        assertEquals("heartline.ping-nodes[0]", onlyProblem("ping-nodes = [ 42 ]").key());
        ConfigProblem twice = onlyProblem("ping-nodes = [ 10.77.0.254, 10.77.0.254 ]");
        assertEquals("heartline.ping-nodes[1]", twice.key());
        assertEquals("10.77.0.254 is listed twice", twice.message());
        assertEquals("must be a list of IP addresses [ ... ]", onlyProblem("ping-nodes = 10.77.0.254").message());
    }

    @Test
    void aPingNodeIsOutsideTheCluster() throws Exception {
        ConfigProblem node = onlyProblem("ping-nodes = [ 10.77.0.2 ]");
        assertEquals("heartline.ping-nodes", node.key());
        assertTrue(node.message().startsWith("10.77.0.2 is node node-b's address"), node.message());
        assertTrue(onlyProblem("ping-nodes = [ 127.0.0.1 ]").message().contains("loopback"));
        assertTrue(onlyProblem("ping-nodes = [ \"::1\" ]").message().contains("loopback"));
        assertTrue(onlyProblem("ping-nodes = [ 239.1.1.1 ]").message().contains("multicast"));
        assertTrue(onlyProblem("ping-nodes = [ 0.0.0.0 ]").message().contains("wildcard"));
        String many = String.join(", ", java.util.stream.IntStream.rangeClosed(1, 17).mapToObj(i -> "10.1.0." + i).toList());
        assertEquals("17 ping nodes: at most 16 (one answer from any of them is enough)",
                onlyProblem("ping-nodes = [ " + many + " ]").message());
    }

    @Test
    void pingIntervalHasBoundsAndFitsTwiceInDeadtime() throws Exception {
        ConfigProblem low = onlyProblem("ping-interval = 5ms");
        assertEquals("heartline.ping-interval", low.key());
        assertEquals(11, low.line());
        assertEquals("5ms is out of range 10ms..10s", low.message());
        assertEquals("must be a duration such as 200ms or 1s", onlyProblem("ping-interval = often").message());
        ConfigProblem slow = onlyProblem("ping-nodes = [ 10.77.0.254 ]\nping-interval = 600ms");
        assertEquals("heartline.ping-interval", slow.key());
        assertEquals(12, slow.line());
        assertTrue(slow.message().startsWith("600ms is more than half of deadtime (1s)"), slow.message());
        assertEquals(Duration.ofMillis(500), TestConfigFiles.load(dir, "ping-nodes = [ 10.77.0.254 ]\nping-interval = 500ms")
                .ping().interval(), "exactly half of deadtime is fine");
        assertEquals(Duration.ofSeconds(5), TestConfigFiles.load(dir, "ping-interval = 5s").ping().interval(),
                "without ping nodes the interval is not used");
    }

    @Test
    void witnessTakesTheEnsembleAndDefaultsTheRest() throws Exception {
        WitnessConfig w = TestConfigFiles.load(dir, "witness { zookeeper = \"zk1:2181, 10.9.0.5:2181,[2001:db8::5]:2182\" }").witness();
        assertTrue(w.enabled());
        assertEquals(List.of("zk1:2181", "10.9.0.5:2181", "[2001:db8::5]:2182"), w.servers());
        assertEquals("zk1:2181,10.9.0.5:2181,[2001:db8::5]:2182", w.connectString());
        assertEquals("/heartline/lvs", w.path(), "the default path names the cluster");
        assertEquals("/heartline/lvs/groups/web", w.lockPath("web"));
        assertEquals(Duration.ofSeconds(2), w.sessionTimeout());
        assertEquals(Duration.ofSeconds(1), w.connectTimeout());
        WitnessConfig all = TestConfigFiles.load(dir, "witness { zookeeper = \"zk.example.org:2181\", path = \"/ha/lvs-1\","
                + " session-timeout = 4s, connect-timeout = 500ms }").witness();
        assertEquals(new WitnessConfig(List.of("zk.example.org:2181"), "/ha/lvs-1", Duration.ofSeconds(4), Duration.ofMillis(500)),
                all);
    }

    @Test
    void aBadWitnessValueIsNamedByKeyAndLine() throws Exception {
        ConfigProblem missing = onlyProblem("  witness { path = \"/ha\" }");
        assertEquals("heartline.witness.zookeeper", missing.key());
        assertEquals(11, missing.line());
        assertEquals("missing", missing.message());
        assertTrue(onlyProblem("witness { zookeeper = \"zk1\" }").message().startsWith("'zk1' is not HOST:PORT"));
        assertTrue(onlyProblem("witness { zookeeper = \"zk1:2181,\" }").message().startsWith("'' is not HOST:PORT"));
        assertTrue(onlyProblem("witness { zookeeper = \"2001:db8::5:2181\" }").message().contains("is not HOST:PORT"),
                "IPv6 needs brackets");
        assertEquals("'zk1:70000' has a bad port 70000 (1..65535)", onlyProblem("witness { zookeeper = \"zk1:70000\" }").message());
        assertEquals("'zk1:2181' is listed twice", onlyProblem("witness { zookeeper = \"zk1:2181,zk1:2181\" }").message());
        assertTrue(onlyProblem("witness { zookeeper = \"zk1:2181/heartline\" }").message().contains("chroot"));
        for (String path : List.of("heartline", "/heartline/", "/a//b", "/a/../b", "/a/.b", "/a b")) {
            ConfigProblem p = onlyProblem("witness { zookeeper = \"zk1:2181\", path = \"" + path + "\" }");
            assertEquals("heartline.witness.path", p.key(), path);
            assertTrue(p.message().contains("is not a znode path"), path + ": " + p.message());
        }
        assertTrue(onlyProblem("witness { zookeeper = \"zk1:2181\", path = \"/zookeeper/x\" }").message()
                .contains("ZooKeeper's own tree"));
        assertEquals("50ms is out of range 100ms..600s",
                onlyProblem("witness { zookeeper = \"zk1:2181\", session-timeout = 50ms }").message());
        assertEquals("heartline.witness.connect-timeout",
                onlyProblem("witness { zookeeper = \"zk1:2181\", connect-timeout = 2m }").key());
        ConfigProblem longer = onlyProblem("witness { zookeeper = \"zk1:2181\", session-timeout = 1s, connect-timeout = 2s }");
        assertEquals("heartline.witness.connect-timeout", longer.key());
        assertTrue(longer.message().startsWith("2s is longer than session-timeout (1s)"), longer.message());
        assertEquals("heartline.witness.servers", onlyProblem("witness { zookeeper = \"zk1:2181\", servers = [] }").key());
        assertEquals("heartline.witness", onlyProblem("witness = zk1").key());
    }

    @Test
    void theRecordsCheckTheirBoundsToo() {
        assertThrows(IllegalArgumentException.class, () -> new PingConfig(List.of(), Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> new PingConfig(List.of(), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new WitnessConfig(List.of("zk:1"), "relative",
                Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new WitnessConfig(List.of("zk:1"), "/h",
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }
}
