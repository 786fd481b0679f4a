package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/resources/lvs-director against fake ipvsadm tools: arguments, missing file, the commands it runs. */
class LvsDirectorScriptTest {
    static final String RULES = """
            # two real servers behind one VIP
            -A -t 10.0.0.100:80 -s wlc
            -a -t 10.0.0.100:80 -r 192.168.1.10:80 -g -w 1

            -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1
            """;

    @TempDir
    Path dir;
    FakeIpvs ipvs;
    ShippedScript lvs;
    Path rules;

    @BeforeEach
    void setUp() throws Exception {
        ipvs = new FakeIpvs(dir);
        lvs = new ShippedScript("lvs-director", ipvs.env());
        rules = dir.resolve("ipvsadm.rules");
        Files.writeString(rules, RULES);
    }

    @Test
    void badUsageExits2() throws Exception {
        for (String[] args : List.of(new String[] {}, new String[] {rules.toString(), "reload"},
                new String[] {"a", "b", "start"})) {
            var o = lvs.run(args);
            assertEquals(2, o.exitCode(), String.join(" ", args));
            assertTrue(o.stderr().startsWith("usage: lvs-director [RULES_FILE] start|stop|status"), o.stderr());
        }
        assertEquals(List.of(), ipvs.calls());
    }

    @Test
    void startWithAMissingRulesFileFailsBeforeTouchingIpvs() throws Exception {
        var o = lvs.run(dir.resolve("nope").toString(), "start");
        assertEquals(6, o.exitCode());
        assertTrue(o.stderr().contains("rules file " + dir.resolve("nope") + " not found"), o.stderr());
        assertEquals(List.of(), ipvs.calls());
        assertEquals(4, lvs.run(dir.resolve("nope").toString(), "status").exitCode());
    }

    @Test
    void startClearsThenRestoresTheFileAndChecks() throws Exception {
        var o = lvs.run(rules.toString(), "start");
        assertEquals(0, o.exitCode(), o.combined());
        assertEquals("lvs-director: loaded 3 rules from " + rules, o.stdout().strip());
        assertEquals(List.of(
                "ipvsadm-save -n",
                "ipvsadm -C",
                "ipvsadm-restore ",
                "  < # two real servers behind one VIP",
                "  < -A -t 10.0.0.100:80 -s wlc",
                "  < -a -t 10.0.0.100:80 -r 192.168.1.10:80 -g -w 1",
                "  < ",
                "  < -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1",
                "ipvsadm-save -n"), ipvs.calls());
        var status = lvs.run(rules.toString(), "status");
        assertEquals(0, status.exitCode());
        assertTrue(status.stdout().startsWith("lvs-director is running (3 rules"), status.stdout());
    }

    @Test
    void startWhenInPlaceOnlyLooks() throws Exception {
        lvs.run(rules.toString(), "start");
        ipvs.clearCalls();
        var o = lvs.run(rules.toString(), "start");
        assertEquals(0, o.exitCode());
        assertEquals(List.of("ipvsadm-save -n"), ipvs.calls());
    }

    @Test
    void statusIgnoresOrderSpacingAndComments() throws Exception {
        Files.writeString(ipvs.table, """
                -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1
                -A  -t 10.0.0.100:80   -s wlc
                -a -t 10.0.0.100:80 -r 192.168.1.10:80 -g -w 1
                """);
        assertEquals(0, lvs.run(rules.toString(), "status").exitCode());
    }

    @Test
    void statusSeesDriftAndAnEmptyTable() throws Exception {
        lvs.run(rules.toString(), "start");
        Files.writeString(ipvs.table, "-A -t 10.0.0.100:80 -s wlc\n");
        var drift = lvs.run(rules.toString(), "status");
        assertEquals(1, drift.exitCode());
        assertTrue(drift.stdout().contains("rules not in place"), drift.stdout());
        assertEquals(OcfStatus.NOT_RUNNING, ScriptAgent.statusFrom(drift.exitCode(), drift.stdout()));

        var stop = lvs.run(rules.toString(), "stop");
        assertEquals(0, stop.exitCode());
        var stopped = lvs.run(rules.toString(), "status");
        assertEquals(3, stopped.exitCode());
        assertEquals("lvs-director is stopped (IPVS table empty)", stopped.stdout().strip());
        assertTrue(ipvs.calls().contains("ipvsadm -C"));
    }

    @Test
    void aKernelWithoutIpvs() throws Exception {
        ipvs.broken();
        var start = lvs.run(rules.toString(), "start");
        assertEquals(1, start.exitCode());
        assertTrue(start.stderr().contains("ipvsadm -C failed"), start.stderr());
        var status = lvs.run(rules.toString(), "status");
        assertEquals(4, status.exitCode());
        assertTrue(status.stderr().contains("Protocol not available"), status.stderr());
        assertEquals(1, lvs.run(rules.toString(), "stop").exitCode(), "a stop that cannot clear the table fails");
    }

    @Test
    void withoutIpvsadmInstalledStopSucceedsAndStartSaysNotInstalled() throws Exception {
        ShippedScript bare = new ShippedScript("lvs-director", Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(0, bare.run(rules.toString(), "stop").exitCode());
        assertEquals(5, bare.run(rules.toString(), "start").exitCode());
    }

    @Test
    void asAHeartlineScriptResource() throws Exception {
        ScriptAgent agent = LvsDirectorContractTest.agent(ipvs, rules);
        assertEquals(OcfStatus.NOT_RUNNING, agent.run(Operation.MONITOR, Duration.ofSeconds(10)).status());
        assertEquals(OcfStatus.SUCCESS, agent.run(Operation.START, Duration.ofSeconds(10)).status());
        assertEquals(OcfStatus.SUCCESS, agent.run(Operation.MONITOR, Duration.ofSeconds(10)).status());
    }
}
