package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcfAgentTest {
    @TempDir
    Path root;

    @Test
    void givesTheOcfEnvironmentAndTheActionAsSoleArgument() throws Exception {
        Path dump = root.resolve("env");
        TestScripts.write(root.resolve("resource.d/acme"), "widget",
                "#!/bin/sh\n{ echo \"args=$*\"; env | grep ^OCF_ | sort; } > " + dump + "\nexit 7\n");
        OcfAgent agent = new OcfAgent("acme", "widget", "w1", Map.of("size", "3", "color", "blue"), Duration.ofSeconds(10),
                AgentSettings.defaults().withOcfRoot(root));
        OperationResult r = agent.run(Operation.MONITOR, Duration.ofSeconds(15));
        assertEquals(OcfStatus.NOT_RUNNING, r.status());
        assertEquals(List.of(
                "args=monitor",
                "OCF_RA_VERSION_MAJOR=1",
                "OCF_RA_VERSION_MINOR=0",
                "OCF_RESKEY_CRM_meta_interval=10000",
                "OCF_RESKEY_CRM_meta_timeout=15000",
                "OCF_RESKEY_color=blue",
                "OCF_RESKEY_size=3",
                "OCF_RESOURCE_INSTANCE=w1",
                "OCF_RESOURCE_PROVIDER=acme",
                "OCF_RESOURCE_TYPE=widget",
                "OCF_ROOT=" + root), Files.readAllLines(dump));
        agent.run(Operation.VALIDATE, Duration.ofSeconds(3));
        List<String> validate = Files.readAllLines(dump);
        assertEquals("args=validate-all", validate.get(0));
        assertTrue(validate.stream().noneMatch(l -> l.startsWith("OCF_RESKEY_CRM_meta_interval")), "interval is for monitor only");
        assertEquals("ocf:acme:widget (w1)", agent.describe());
    }

    @Test
    void exitCodesAreOcfStatuses() throws Exception {
        for (int code : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 42}) {
            TestScripts.write(root.resolve("resource.d/acme"), "x", "#!/bin/sh\nexit " + code + "\n");
            OcfAgent agent = new OcfAgent("acme", "x", "x", Map.of(), Duration.ZERO, AgentSettings.defaults().withOcfRoot(root));
            assertEquals(OcfStatus.fromExit(code), agent.run(Operation.START, Duration.ofSeconds(5)).status());
        }
    }

    @Test
    void aMissingAgentIsNotInstalled() {
        OcfAgent agent = new OcfAgent("acme", "gone", "g", Map.of(), Duration.ZERO, AgentSettings.defaults().withOcfRoot(root));
        assertEquals(OcfStatus.ERR_INSTALLED, agent.run(Operation.START, Duration.ofSeconds(5)).status());
        assertEquals(List.of("ocf:acme:gone (g): " + root.resolve("resource.d/acme/gone") + ": not installed"), agent.validateParams());
    }

    @Test
    void validatesParametersAgainstTheRealIPaddr2MetaData() {
        OcfAgent bad = new OcfAgent("heartbeat", "IPaddr2", "vip", Map.of("nic", "eth0", "cidr_netmask", "24", "ipaddress", "10.0.0.1"),
                Duration.ZERO, AgentSettings.defaults());
        List<String> problems = bad.validateParams();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("unknown parameter 'ipaddress' for IPaddr2 (it takes: "), problems.get(0));
        assertTrue(problems.get(1).startsWith("missing required parameter 'ip' for IPaddr2"), problems.get(1));

        OcfAgent good = new OcfAgent("heartbeat", "IPaddr2", "vip", Map.of("ip", "10.0.0.1", "cidr_netmask", "24"),
                Duration.ZERO, AgentSettings.defaults());
        assertEquals(List.of(), good.validateParams());
        MetaData md = good.metaData();
        assertEquals(Duration.ofSeconds(20), md.action("start").orElseThrow().timeout());
        assertTrue(md.parameter("ip").orElseThrow().unique());
    }

    @Test
    void badParameterNamesAreReported() {
        OcfAgent agent = new OcfAgent("heartbeat", "Dummy", "d", Map.of("fake-ish", "1"), Duration.ZERO, AgentSettings.defaults());
        List<String> problems = agent.validateParams();
        assertTrue(problems.contains("parameter name 'fake-ish' cannot be passed as OCF_RESKEY_fake-ish"), problems.toString());
    }
}
