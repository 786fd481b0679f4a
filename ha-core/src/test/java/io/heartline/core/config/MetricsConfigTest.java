package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code metrics} section: default when absent, {@code off}, an address, and bad addresses named by key. */
class MetricsConfigTest {
    @TempDir
    Path dir;
    Path key;

    @BeforeEach
    void key() throws IOException {
        key = dir.resolve("authkey");
        TestConfigFiles.secret(key, "0123456789abcdef0123456789abcdef\n");
    }

    private String config(String metrics) {
        return """
                heartline {
                  cluster = lvs
                  node = node-a
                  nodes = [ { name = node-a, address = "10.77.0.1" }, { name = node-b, address = "10.77.0.2" } ]
                  auth-key-file = "KEY"
                  media = [ { type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 } ]
                  groups = [ { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/control.sock"
                  state-dir = "DIR/state"
                  fencing = off
                METRICS
                }
                """.replace("KEY", key.toString()).replace("DIR", dir.toString()).replace("METRICS", metrics);
    }

    private MetricsConfig load(String metrics) throws Exception {
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, config(metrics));
        return ConfigLoader.load(f).metrics();
    }

    private ConfigProblem onlyProblem(String metrics) throws IOException {
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, config(metrics));
        List<ConfigProblem> problems = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void absentMeansLoopbackOnTheDefaultPort() throws Exception {
        MetricsConfig m = load("");
        assertTrue(m.enabled());
        assertEquals("127.0.0.1:9670", m.listenText());
    }

    @Test
    void anEmptyObjectMeansTheDefaultToo() throws Exception {
        assertEquals(MetricsConfig.DEFAULT, load("metrics {}"));
    }

    @Test
    void offDisables() throws Exception {
        MetricsConfig m = load("metrics = off");
        assertFalse(m.enabled());
        assertEquals(MetricsConfig.OFF, m);
    }

    @Test
    void anIpv4AndAnIpv6ListenAddress() throws Exception {
        MetricsConfig v4 = load("metrics { listen = \"0.0.0.0:9100\" }");
        assertEquals(9100, v4.listen().getPort());
        assertEquals("0.0.0.0:9100", v4.listenText());
        MetricsConfig v6 = load("metrics { listen = \"[::1]:9671\" }");
        assertEquals(9671, v6.listen().getPort());
        assertTrue(v6.listen().getAddress().isLoopbackAddress());
    }

    @Test
    void aBadAddressNamesTheKeyAndLine() throws Exception {
        ConfigProblem p = onlyProblem("  metrics { listen = \"localhost:9670\" }");
        assertEquals("heartline.metrics.listen", p.key());
        assertEquals(11, p.line());
        assertTrue(p.message().contains("not an IP address"), p.message());
    }

    @Test
    void aBadPortIsRefused() throws Exception {
        assertTrue(onlyProblem("metrics { listen = \"127.0.0.1:70000\" }").message().contains("bad port 70000"));
        assertTrue(onlyProblem("metrics { listen = \"127.0.0.1:http\" }").message().contains("bad port 'http'"));
        assertEquals("heartline.metrics.listen", onlyProblem("metrics { listen = \"127.0.0.1\" }").key());
    }

    @Test
    void ipv6WithoutBracketsIsRefused() throws Exception {
        assertTrue(onlyProblem("metrics { listen = \"::1:9670\" }").message().contains("brackets"));
    }

    @Test
    void unknownKeysAndOtherWordsAreRefused() throws Exception {
        assertEquals("heartline.metrics.port", onlyProblem("metrics { port = 9670 }").key());
        ConfigProblem p = onlyProblem("metrics = on");
        assertEquals("heartline.metrics", p.key());
        assertTrue(p.message().contains("'off'"), p.message());
    }

    @Test
    void connectionLimitAndTimeoutHaveDefaultsAndBounds() throws Exception {
        MetricsConfig d = load("");
        assertEquals(16, d.maxConnections());
        assertEquals(java.time.Duration.ofSeconds(5), d.timeout());
        MetricsConfig m = load("metrics { max-connections = 2, timeout = 500ms }");
        assertEquals("127.0.0.1:9670", m.listenText(), "listen keeps its default beside the other keys");
        assertEquals(2, m.maxConnections());
        assertEquals(java.time.Duration.ofMillis(500), m.timeout());
        assertEquals("heartline.metrics.max-connections", onlyProblem("metrics { max-connections = 0 }").key());
        assertEquals("heartline.metrics.timeout", onlyProblem("metrics { timeout = 50ms }").key());
        assertEquals("must be a duration such as 200ms or 1s", onlyProblem("metrics { timeout = soon }").message());
        assertFalse(load("metrics = off").enabled(), "off still works beside the new keys");
    }
}
