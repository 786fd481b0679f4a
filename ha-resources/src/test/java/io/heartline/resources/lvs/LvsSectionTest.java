package io.heartline.resources.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidConfigException;
import io.heartline.core.config.SectionConfig;
import io.heartline.resources.TestScripts;
import io.heartline.testkit.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtual-services} in a real config file, through the loader and {@code config check}: a
 * good one reads as written; each mistake is reported with file, line and the full key.
 */
class LvsSectionTest {
    static final String KEY = "heartline.groups[0].resources[0].virtual-services[0]";

    @TempDir
    Path dir;
    Path rules;

    @BeforeEach
    void files() throws Exception {
        SecretFiles.write(dir.resolve("authkey"), "0123456789abcdef0123456789abcdef\n");
        rules = dir.resolve("ipvsadm.rules");
        Files.writeString(rules, """
                -A -t 203.0.113.10:80 -s wlc
                -a -t 203.0.113.10:80 -r 192.168.1.11:80 -g -w 1
                -a -t 203.0.113.10:80 -r 192.168.1.12:80 -g -w 1
                """);
    }

    /** A config whose first resource is {@code RESOURCE}, from line 10 on. */
    Path config(String resource) throws Exception {
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, """
                heartline {
                  node = a
                  nodes = [ { name = a, address = "10.0.0.1" }, { name = b, address = "10.0.0.2" } ]
                  auth-key-file = "DIR/authkey"
                  media = [ { type = unicast, port = 7650 } ]
                  fencing = off
                  state-dir = "DIR/state"
                  resource-dir = "SCRIPTS"
                  groups = [ { name = lvs, vips = [ { address = "203.0.113.10/24", interface = eth0 } ], resources = [
                RESOURCE
                  ] } ]
                }
                """.replace("DIR", dir.toString()).replace("SCRIPTS", TestScripts.shippedScripts().toString())
                .replace("RESOURCE", resource.replace("RULES", rules.toString())));
        return f;
    }

    List<ConfigProblem> problems(String resource) throws Exception {
        Path f = config(resource);
        return assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
    }

    void assertProblem(String resource, int line, String key, String message) throws Exception {
        List<ConfigProblem> p = problems(resource);
        assertTrue(p.stream().anyMatch(x -> x.line() == line && key.equals(x.key()) && x.message().contains(message)),
                "expected line " + line + " " + key + ": " + message + "\n got " + p);
    }

    @Test
    void aDirectorPairsChecksReadAsWritten() throws Exception {
        HeartlineConfig c = ConfigLoader.load(config("""
                    { name = director, type = script, params { script = lvs-director, 1 = "RULES" }
                      virtual-services = [
                        { address = "203.0.113.10:80", on-failure = remove, sorry-server = "192.168.1.250"
                          check { type = http, path = "/health", expect-body = "ok", interval = 2s, timeout = 1s, rise = 1, fall = 2 }
                          real-servers = [ { address = "192.168.1.12:80", check { type = tcp, port = 8080 } } ] }
                      ] }"""));
        SectionConfig s = c.groups().get(0).resources().get(0);
        VirtualServiceSpec v = LvsSection.parse(s).get(0);
        assertEquals(IpvsService.tcp(Endpoint.parse("203.0.113.10:80")), v.service());
        assertEquals(VirtualServiceSpec.OnFailure.REMOVE, v.onFailure());
        assertEquals("192.168.1.250:80", v.sorryServer().server().toString(), "dr: the service's port");
        assertEquals("-g", v.sorryServer().forwarding());
        CheckSpec http = v.check();
        assertEquals(CheckSpec.Kind.HTTP, http.kind());
        assertEquals("/health", http.path());
        assertEquals(200, http.expectStatus());
        assertEquals(Duration.ofSeconds(2), http.interval());
        assertEquals(1, http.rise());
        CheckSpec own = v.checkOf(Endpoint.parse("192.168.1.12:80"));
        assertEquals(CheckSpec.Kind.TCP, own.kind());
        assertEquals(8080, own.port());
        assertEquals(CheckSpec.DEFAULT_FALL, own.fall());
        assertEquals(http, v.checkOf(Endpoint.parse("192.168.1.11:80")));
    }

    @Test
    void anUnknownKeyDeepInsideIsNamedWithItsLine() throws Exception {
        assertProblem("""
                    { name = director, type = script, params { script = lvs-director, 1 = "RULES" }, virtual-services = [
                      { address = "203.0.113.10:80"
                        check {
                          type = tcp, intreval = 5s } } ] }""", 13, KEY + ".check.intreval",
                "unknown key for a 'check' (expected one of command, expect-body, expect-status, fall, interval, path, port, rise, timeout, type)");
    }

    @Test
    void badValuesAreNamed() throws Exception {
        String head = "{ name = director, type = script, params { script = lvs-director, 1 = \"RULES\" }, virtual-services = [ { address = \"203.0.113.10:80\", ";
        assertProblem(head + "check { type = ping } } ] }", 10, KEY + ".check.type", "'ping' is not one of tcp, http, command");
        assertProblem(head + "check { type = tcp, interval = 2s, timeout = 5s } } ] }", 10, KEY + ".check.timeout",
                "5000 ms is longer than the interval (2000 ms)");
        assertProblem(head + "check { type = tcp, fall = 0 } } ] }", 10, KEY + ".check.fall", "0 is out of range 1..100");
        assertProblem(head + "check { type = tcp, path = \"/x\" } } ] }", 10, KEY + ".check.path", "only for type = http");
        assertProblem(head + "check { type = command, command = \"check-db --quick\" } } ] }", 10, KEY + ".check.command",
                "'check-db' must be an absolute path");
        assertProblem(head + "on-failure = drain, check { type = tcp } } ] }", 10, KEY + ".on-failure",
                "'drain' is not one of quiescent (weight 0), remove");
        assertProblem(head + "sorry-server-forwarding = nat, check { type = tcp } } ] }", 10, KEY + ".sorry-server-forwarding",
                "there is no sorry-server");
        assertProblem(head + "sorry-server = \"192.168.1.250:8080\", check { type = tcp } } ] }", 10, KEY + ".sorry-server",
                "with dr forwarding the sorry server answers on the service's port 80");
        assertProblem(head + "} ] }", 10, KEY + ".check", "missing: give the virtual service a check");
        assertProblem("{ name = director, type = script, params { script = lvs-director, 1 = \"RULES\" }, virtual-services = [ { address = lb.example,"
                + " check { type = tcp } } ] }", 10, KEY + ".address", "'lb.example' is not ADDRESS:PORT");
    }

    @Test
    void whatDoesNotFitTheRulesFileIsNamed() throws Exception {
        assertProblem("""
                    { name = director, type = script, params { script = lvs-director, 1 = "RULES" }, virtual-services = [
                      { address = "203.0.113.10:443", check { type = tcp } } ] }""", 11, KEY + ".address",
                "tcp 203.0.113.10:443 is not a virtual service in " + rules);
        assertProblem("""
                    { name = director, type = script, params { script = lvs-director, 1 = "RULES" }, virtual-services = [
                      { address = "203.0.113.10:80", check { type = tcp },
                        sorry-server = "192.168.1.11"
                        real-servers = [ { address = "192.168.1.99:80", check { type = tcp } } ] } ] }""", 13,
                KEY + ".real-servers[0].address", "192.168.1.99:80 is not a real server of tcp 203.0.113.10:80 in " + rules);
        List<ConfigProblem> p = problems("""
                    { name = director, type = script, params { script = lvs-director, 1 = "RULES" }, virtual-services = [
                      { address = "203.0.113.10:80", check { type = tcp },
                        sorry-server = "192.168.1.11"
                        real-servers = [ { address = "192.168.1.99:80", check { type = tcp } } ] } ] }""");
        assertTrue(p.stream().anyMatch(x -> x.key().equals(KEY + ".sorry-server") && x.line() == 12
                && x.message().contains("is also a real server")), p.toString());
        assertProblem("""
                    { name = director, type = script, params { script = lvs-director, 1 = "DIR/none.rules" }, virtual-services = [
                      { address = "203.0.113.10:80", check { type = tcp } } ] }""".replace("DIR", dir.toString()), 10,
                "heartline.groups[0].resources[0].virtual-services", "cannot read the rules file " + dir.resolve("none.rules"));
        assertProblem("""
                    { name = web, type = lsb, params { service = nginx }, virtual-services = [
                      { address = "203.0.113.10:80", check { type = tcp } } ] }""", 10,
                "heartline.groups[0].resources[0].virtual-services", "for the lvs-director script (type = script), not type 'lsb'");
    }

    @Test
    void aCheckCommandMustBeRunnableHere() throws Exception {
        assertProblem("""
                    { name = director, type = script, params { script = lvs-director, 1 = "RULES" }, virtual-services = [
                      { address = "203.0.113.10:80", check { type = command, command = [ "/nonexistent/check", "-q" ] } } ] }""",
                11, KEY + ".check.command", "/nonexistent/check is not an executable file on this machine");
    }
}
