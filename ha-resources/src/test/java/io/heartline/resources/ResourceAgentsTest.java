package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceAgentsTest {
    @TempDir
    Path dir;

    AgentSettings settings() {
        return AgentSettings.defaults().withScriptDir(dir).withInitDir(dir);
    }

    @Test
    void eachKind() {
        assertEquals("script:IPaddr::10.0.0.1::eth0", ResourceAgents.create(
                ResourceSpec.of("vip", "script", Map.of("script", "IPaddr", "1", "10.0.0.1", "2", "eth0")), settings()).describe());
        assertEquals("script:httpd", ResourceAgents.create(ResourceSpec.of("httpd", "script", Map.of()), settings()).describe());
        assertEquals("lsb:nginx", ResourceAgents.create(ResourceSpec.of("web", "lsb", Map.of("service", "nginx")), settings()).describe());
        assertEquals("ocf:heartbeat:IPaddr2 (vip)", ResourceAgents.create(
                ResourceSpec.of("vip", "ocf:heartbeat:IPaddr2", Map.of("ip", "10.0.0.1")), settings()).describe());
        assertInstanceOf(ProbeAgent.class, ResourceAgents.create(ResourceSpec.of("p", "probe", Map.of("port", "80")), settings()));
        Resource r = ResourceAgents.resource(ResourceSpec.of("d", "ocf:heartbeat:Dummy", Map.of()), settings());
        assertEquals("d", r.name());
        assertEquals("ocf:heartbeat:Dummy (d)", r.describe());
    }

    @Test
    void badSpecsAreExplained() {
        assertEquals("x: unknown resource kind 'systemd' (script, lsb, ocf:PROVIDER:TYPE or probe)", message(ResourceSpec.of("x", "systemd", Map.of())));
        assertEquals("x: an OCF kind is ocf:PROVIDER:TYPE, not 'ocf:Dummy'", message(ResourceSpec.of("x", "ocf:Dummy", Map.of())));
        assertEquals("x: type must be a plain file name, not '..'", message(ResourceSpec.of("x", "ocf:heartbeat:..", Map.of())));
        assertEquals("x: unknown parameter 'user' for kind lsb (it takes: service)", message(ResourceSpec.of("x", "lsb", Map.of("user", "a"))));
        assertEquals("x: positional arguments must be numbered 1..2 without gaps, got [1, 3]",
                message(ResourceSpec.of("x", "script", Map.of("1", "a", "3", "c"))));
        assertThrows(IllegalArgumentException.class, () -> ResourceSpec.of("a/b", "lsb", Map.of()));
    }

    @Test
    void checkReportsWhatIsWrongOnThisMachine() {
        assertEquals(List.of("web: lsb:nope: " + dir.resolve("nope") + ": not installed"),
                ResourceAgents.check(ResourceSpec.of("web", "lsb", Map.of("service", "nope")), settings()));
        List<String> ocf = ResourceAgents.check(ResourceSpec.of("vip", "ocf:heartbeat:IPaddr2", Map.of("cidr_netmask", "24")), settings());
        assertEquals(1, ocf.size());
        assertTrue(ocf.get(0).startsWith("vip: missing required parameter 'ip' for IPaddr2"), ocf.get(0));
        assertEquals(List.of(), ResourceAgents.check(ResourceSpec.of("d", "ocf:heartbeat:Dummy", Map.of("fake", "x")), settings()));
        assertEquals(List.of("p: unknown probe parameter 'x' (it takes: host, port, url, expect-status, expect-body, connect-timeout)"),
                ResourceAgents.check(ResourceSpec.of("p", "probe", Map.of("x", "1")), settings()));
    }

    @Test
    void specCarriesItsPolicy() {
        ResourceSpec s = new ResourceSpec("db", "lsb", Map.of(), Duration.ofSeconds(60), Duration.ofSeconds(90),
                Duration.ofSeconds(15), Duration.ofSeconds(10), OnFail.failover());
        assertEquals(new ResourcePolicy(Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(15),
                Duration.ofSeconds(10), OnFail.failover()), s.policy());
        assertThrows(IllegalArgumentException.class, () -> new ResourceSpec("db", "lsb", Map.of(), Duration.ZERO,
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), OnFail.defaults()));
    }

    private String message(ResourceSpec spec) {
        return assertThrows(IllegalArgumentException.class, () -> ResourceAgents.create(spec, settings())).getMessage();
    }
}
