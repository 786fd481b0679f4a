package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fence devices from the config file: a password file reaches the agent as {@code password}, and secrets are checked. */
class FenceSectionsTest {
    private static final NodeId B = new NodeId("node-b");

    @TempDir
    Path dir;
    private Path agent;

    @BeforeEach
    void files() throws Exception {
        secret(dir.resolve("authkey"), "0123456789abcdef0123456789abcdef");
        agent = TestScripts.write(dir, "fence_fake", "cat > \"$(dirname \"$0\")/stdin.txt\"\nexit 0\n");
    }

    private static Path secret(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** {@code DEVICE} is the options and nodes of one fence-agent device, on line 12. */
    private Path config(String device) throws Exception {
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, """
                heartline {
                  node = node-a
                  nodes = [ { name = node-a, address = "10.0.0.1", priority = 100 }, { name = node-b, address = "10.0.0.2" } ]
                  auth-key-file = "DIR/authkey"
                  media = [ { type = multicast, interface = eth0, group = "239.1.1.1", port = 7000 } ]
                  groups = [ { name = web, vips = [ { address = "10.0.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/s"
                  state-dir = "DIR/st"
                  fencing {
                    devices = [
                      { type = fence-agent, name = ipmi, agent = "AGENT",
                        DEVICE }
                    ]
                  }
                }
                """.replace("DIR", dir.toString()).replace("AGENT", agent.toString()).replace("DEVICE", device));
        return f;
    }

    private ConfigProblem onlyProblem(String device) throws Exception {
        Path f = config(device);
        List<ConfigProblem> p = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    private String stdinOfStatus(String device) throws Exception {
        FenceSections.Agents agents = FenceSections.build(ConfigLoader.load(config(device)), Clock.system(), r -> { });
        FenceResult r = agents.byNode().get(B).run(FenceAction.STATUS, B, Duration.ofSeconds(30));
        assertEquals(Outcome.OK, r.outcome(), "the fake agent answers status with 0 (on): " + r);
        return Files.readString(dir.resolve("stdin.txt"));
    }

    @Test
    void aPasswordFileReachesTheAgentAsItsPasswordOption() throws Exception {
        Path pw = secret(dir.resolve("ipmi.password"), "bmc-Pa55\n");
        String stdin = stdinOfStatus("options { username = admin, password-file = \"" + pw + "\", lanplus = 1 }");
        List<String> lines = stdin.lines().toList();
        assertTrue(lines.contains("password=bmc-Pa55"), stdin);
        assertTrue(lines.contains("username=admin") && lines.contains("lanplus=1"), stdin);
        assertFalse(stdin.contains("password-file"), stdin);
    }

    @Test
    void aNodeMayHaveItsOwnPasswordFile() throws Exception {
        Path pw = secret(dir.resolve("b.password"), "only-b");
        String stdin = stdinOfStatus("options { username = admin, password = shared-pw }, nodes { node-b { ip = \"10.0.1.2\", "
                + "password-file = \"" + pw + "\" } }");
        assertTrue(stdin.lines().toList().contains("password=only-b"), stdin);
        assertFalse(stdin.contains("shared-pw"), "the node's own password overrides the shared one: " + stdin);
    }

    @Test
    void passwordAndPasswordFileTogetherAreRefused() throws Exception {
        Path pw = secret(dir.resolve("ipmi.password"), "bmc-Pa55");
        ConfigProblem p = onlyProblem("options { password = x, password-file = \"" + pw + "\" }");
        assertEquals("heartline.fencing.devices[0].options.password-file", p.key());
        assertEquals(12, p.line());
        assertEquals("give either password or password-file, not both", p.message());
    }

    @Test
    void aPasswordFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path pw = dir.resolve("ipmi.password");
        Files.writeString(pw, "bmc-Pa55");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigProblem p = onlyProblem("options { password-file = \"" + pw + "\" }");
        assertEquals("heartline.fencing.devices[0].options.password-file", p.key());
        assertTrue(p.message().contains("with mode 0644") && p.message().endsWith("chmod 600 " + pw), p.message());
        assertTrue(onlyProblem("options { password-file = ipmi.password }").message().contains("absolute path"));
    }

    @Test
    void thePlaceholderIsRefusedInEverySecretOption() throws Exception {
        ConfigProblem p = onlyProblem("options { username = admin, password = \"change-me\" }");
        assertEquals("heartline.fencing.devices[0].options.password", p.key());
        assertTrue(p.message().contains("placeholder: set the device's real password"), p.message());
        assertEquals("heartline.fencing.devices[0].nodes.node-b.passwd",
                onlyProblem("nodes { node-b { passwd = CHANGE-ME } }").key());
        Path pw = secret(dir.resolve("ipmi.password"), "Change-Me\n");
        assertTrue(onlyProblem("options { password-file = \"" + pw + "\" }").message().contains("placeholder"));
    }

    /**
     * etc/heartline.conf with its secret files in place (mode 600) and the agent replaced by the fake: it
     * passes every check, fencing included; with the BMC password file open to others it does not.
     */
    @Test
    void theShippedExamplePassesWithItsSecretFilesInPlace() throws Exception {
        Path pw = secret(dir.resolve("ipmi.password"), "bmc-Pa55\n");
        String example = Files.readString(Path.of("..", "etc", "heartline.conf"))
                .replace("/etc/heartline/authkey", dir.resolve("authkey").toString())
                .replace("/etc/heartline/ipmi.password", pw.toString())
                .replace("agent = fence_ipmilan", "agent = \"" + agent + "\"")
                .replace("/run/heartline/", dir + "/run/").replace("/var/lib/heartline", dir + "/state");
        Path conf = dir.resolve("example.conf");
        Files.writeString(conf, example);
        FenceSections.Agents agents = FenceSections.build(ConfigLoader.load(conf), Clock.system(), r -> { });
        assertEquals(List.of(new NodeId("director1"), new NodeId("director2")), List.copyOf(agents.byNode().keySet()));
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r-----"));
        List<ConfigProblem> p = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(conf)).problems();
        assertEquals(List.of("heartline.fencing.devices[0].options.password-file"), p.stream().map(ConfigProblem::key).toList());
    }
}
