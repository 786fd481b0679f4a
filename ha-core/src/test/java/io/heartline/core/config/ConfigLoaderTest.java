package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    Path key;

    @BeforeEach
    void key() throws IOException {
        key = dir.resolve("authkey");
        TestConfigFiles.secret(key, "0123456789abcdef0123456789abcdef\n");
    }

    String good() {
        return """
                heartline {
                  cluster = lvs
                  node = node-a
                  nodes = [
                    { name = node-a, address = "10.77.0.1", priority = 100 }
                    { name = node-b, address = "10.77.0.2", priority = 50 }
                  ]
                  timing { interval = 200ms, deadtime = 1s, warntime = 500ms, initdead = 2s }
                  auth-key-file = "KEY"
                  media = [ { type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 } ]
                  groups = [ { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/control.sock"
                  state-dir = "DIR/state"
                  fencing = off
                }
                """.replace("KEY", key.toString()).replace("DIR", dir.toString());
    }

    Path write(String text) throws IOException {
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, text);
        return f;
    }

    List<ConfigProblem> problems(String text) throws IOException {
        Path f = write(text);
        return assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
    }

    @Test
    void loadsAGoodConfigWithDefaults() throws Exception {
        HeartlineConfig c = ConfigLoader.load(write(good()));
        assertEquals("node-a", c.self().name());
        assertEquals(2, c.nodes().size());
        assertEquals(Duration.ofMillis(200), c.timing().interval());
        assertEquals(FailbackConfig.Mode.MANUAL, c.failback().mode());
        assertEquals(5, c.garp().count());
        MulticastConfig m = (MulticastConfig) c.media().get(0);
        assertEquals(null, m.bindAddress(), "no bind address: the daemon binds to the interface's own address");
        assertEquals("10.77.0.10/24", c.groups().get(0).vips().get(0).cidr());
        assertEquals(List.of("node-b"), c.peers().stream().map(n -> n.id().name()).toList());
    }

    @Test
    void aTypoNamesFileLineAndKey() throws Exception {
        List<ConfigProblem> p = problems(good().replace("deadtime = 1s", "deadtme = 1s"));
        ConfigProblem first = p.get(0);
        assertTrue(first.file().endsWith("heartline.conf"), first.toString());
        assertEquals(8, first.line(), first.toString());
        assertEquals("heartline.timing.deadtme", first.key());
        assertTrue(first.message().contains("unknown key"), first.message());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<ConfigProblem> p = problems(good()
                .replace("\"239.192.76.1\"", "\"10.1.1.1\"")
                .replace("priority = 50", "priority = -5")
                .replace("10.77.0.10/24", "10.77.0.10/40"));
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].group") && x.line() == 10), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.nodes[1].priority") && x.line() == 6), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.groups[0].vips[0].address")), p.toString());
    }

    @Test
    void theNodeMustBeListed() throws Exception {
        List<ConfigProblem> p = problems(good().replace("node = node-a", "node = node-z"));
        assertEquals("heartline.node", p.get(0).key());
        assertEquals(3, p.get(0).line());
    }

    @Test
    void deadtimeShorterThanTwoIntervalsIsRefused() throws Exception {
        List<ConfigProblem> p = problems(good().replace("deadtime = 1s", "deadtime = 300ms"));
        assertEquals("heartline.timing.deadtime", p.get(0).key());
        assertTrue(p.get(0).message().contains("twice the interval"));
    }

    @Test
    void missingKeyNamesTheEnclosingObjectsLine() throws Exception {
        List<ConfigProblem> p = problems(good().replace("port = 7640", "name = hb"));
        assertEquals("heartline.media[0].port", p.get(0).key());
        assertEquals(10, p.get(0).line());
        assertTrue(p.get(0).message().contains("missing"));
    }

    @Test
    void hostNamesAreRefusedSoStartUpNeverWaitsOnDns() throws Exception {
        List<ConfigProblem> p = problems(good().replace("\"10.77.0.2\"", "\"node-b.example\""));
        assertEquals("heartline.nodes[1].address", p.get(0).key());
        // with a colon but not starting like an IPv6 literal, InetAddress would look these up in DNS
        for (String name : List.of("node-b:1", ".:x", "g::1")) {
            List<ConfigProblem> q = problems(good().replace("\"10.77.0.2\"", "\"" + name + "\""));
            assertTrue(q.get(0).message().contains("host names are not accepted"), q.toString());
        }
    }

    @Test
    void duplicateVipsAndGroupsAreRefused() throws Exception {
        List<ConfigProblem> p = problems(good().replace("groups = [", """
                groups = [ { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ] }
                """));
        assertTrue(p.stream().anyMatch(x -> x.message().contains("defined twice")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("already a VIP")), p.toString());
    }

    @Test
    void aShortAuthKeyIsRefused() throws Exception {
        Files.writeString(key, "short");
        List<ConfigProblem> p = problems(good());
        assertEquals("heartline.auth-key-file", p.get(0).key());
        assertTrue(p.get(0).message().contains("at least 16"), p.get(0).message());
    }

    @Test
    void aSyntaxErrorNamesTheLine() throws Exception {
        List<ConfigProblem> p = problems(good().replace("cluster = lvs", "cluster = {{"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).line() >= 2, p.toString());
        assertTrue(p.get(0).file().endsWith("heartline.conf"));
    }

    @Test
    void aSocketPathTooLongForUnixSocketsIsRefused() throws Exception {
        List<ConfigProblem> p = problems(good().replace("DIR/control.sock".replace("DIR", dir.toString()),
                "/run/" + "x".repeat(120) + "/control.sock"));
        assertEquals("heartline.control-socket", p.get(0).key());
        assertTrue(p.get(0).message().contains("107 bytes"), p.get(0).message());
    }

    @Test
    void serialMediaAreParsedAndChecked() throws Exception {
        HeartlineConfig c = ConfigLoader.load(write(good().replace("media = [", "media = [ { type = serial, device = \"/dev/ttyS1\" }\n")));
        assertEquals(new SerialConfig("serial", "/dev/ttyS1", 115200), c.media().get(0));
        List<ConfigProblem> p = problems(good().replace("media = [", "media = [ { type = serial, device = ttyS1, baud = 12345 }\n"));
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].device") && x.message().contains("absolute path")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].baud") && x.message().contains("standard baud")), p.toString());
    }

    @Test
    void udpMediaAreParsedAndChecked() throws Exception {
        HeartlineConfig c = ConfigLoader.load(write(good().replace("media = [", "media = [ { type = udp, port = 7641 }\n")));
        assertEquals(new UdpConfig("udp", 7641, null, null, java.net.InetAddress.getByName("10.77.0.1")), c.media().get(0),
                "unicast to the peers, bound to this node's address");
        HeartlineConfig m = ConfigLoader.load(write(good().replace("media = [",
                "media = [ { type = udp, name = fast, port = 7641, group = \"239.192.76.2\", interface = eth0 }\n")));
        assertEquals(new UdpConfig("fast", 7641, java.net.InetAddress.getByName("239.192.76.2"), "eth0", null),
                m.media().get(0));
        assertTrue(((UdpConfig) m.media().get(0)).multicast());

        List<ConfigProblem> p = problems(good().replace("media = [",
                "media = [ { type = udp, port = 70000, group = \"10.1.1.1\", interface = eth0 }\n"));
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].port") && x.line() == 10), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].group")
                && x.message().contains("not a multicast address")), p.toString());
        p = problems(good().replace("media = [", "media = [ { type = udp, port = 7641, group = \"239.1.1.1\" }\n"));
        assertTrue(p.stream().anyMatch(x -> x.message().contains("needs the interface")), p.toString());
        p = problems(good().replace("media = [", "media = [ { type = udp, port = 7641, interface = eth0 }\n"));
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].interface")
                && x.message().contains("only a udp medium with a multicast group")), p.toString());
        p = problems(good().replace("media = [", "media = [ { type = udp, port = 7641, peers = [] }\n"));
        assertTrue(p.stream().anyMatch(x -> x.key().equals("heartline.media[0].peers")
                && x.message().contains("unknown key")), p.toString());
    }

    @Test
    void twoMediaWithOneNameAreRefused() throws Exception {
        List<ConfigProblem> p = problems(good().replace("media = [", "media = [ { type = serial, name = multicast, device = \"/dev/ttyS1\" }\n"));
        assertTrue(p.stream().anyMatch(x -> x.message().contains("two media are named 'multicast'")), p.toString());
    }

    @Test
    void fencingMustBeWrittenOutEvenWhenOff() throws Exception {
        List<ConfigProblem> p = problems(good().replace("  fencing = off\n", ""));
        assertEquals("heartline.fencing", p.get(0).key());
        assertTrue(p.get(0).message().contains("write 'fencing = off'"), p.get(0).message());
        assertEquals("heartline.fencing", problems(good().replace("fencing = off", "fencing = on")).get(0).key());
        assertTrue(problems(good().replace("fencing = off", "fencing { devices = [] }")).get(0).message()
                .contains("at least one fence device"));
    }

    @Test
    void fencingDevicesAndTheFenceDelayOfEachNode() throws Exception {
        String fenced = good().replace("fencing = off", "fencing { delay = 3s, devices = [ { type = manual } ] }");
        HeartlineConfig a = ConfigLoader.load(write(fenced));
        assertTrue(a.fencing().enabled());
        assertEquals("manual", a.fencing().devices().get(0).type());
        assertEquals(java.time.Duration.ZERO, a.fenceDelay(), "the preferred node fences at once");
        HeartlineConfig b = ConfigLoader.load(write(fenced.replace("node = node-a", "node = node-b")));
        assertEquals(java.time.Duration.ofSeconds(3), b.fenceDelay(), "the other waits");
    }

    @Test
    void aTypoANonNumericPriorityAndAMissingKeyFileAreAllReported() throws Exception {
        List<ConfigProblem> p = problems(good().replace("deadtime = 1s", "deadtme = 1s").replace("priority = 50", "priority = high")
                .replace(key.toString(), dir.resolve("no-such-key").toString()));
        assertEquals(List.of("heartline.nodes[1].priority", "heartline.timing.deadtme", "heartline.auth-key-file"),
                p.stream().map(ConfigProblem::key).toList(), p.toString());
    }

    @Test
    void aTypoDoesNotHideTheChecksThatNeedAWholeConfig() throws Exception {
        // the auth key is read only from a config that could be built: the typo must not stop that
        Files.writeString(key, "short");
        List<ConfigProblem> p = problems(good().replace("deadtime = 1s", "deadtme = 1s"));
        assertEquals(List.of("heartline.timing.deadtme", "heartline.auth-key-file"), p.stream().map(ConfigProblem::key).toList(),
                p.toString());
    }

    @Test
    void aMissingKeyFileSaysHowToMakeOne() throws Exception {
        Path missing = dir.resolve("authkey-new");
        ConfigProblem p = problems(good().replace(key.toString(), missing.toString())).get(0);
        assertEquals("heartline.auth-key-file", p.key());
        assertTrue(p.message().contains("(umask 077 && openssl rand -hex 32 > " + missing + ")"), p.message());
    }

    @Test
    void anInterfaceThisMachineLacksIsAWarningNotAProblem() throws Exception {
        Path net = Files.createDirectories(dir.resolve("sys-class-net"));
        Files.createDirectories(net.resolve("eth0"));
        ConfigReport r = ConfigLoader.check(write(good().replace("interface = eth0 } ] }", "interface = eth9 } ] }")),
                new NetInterfaces(net));
        assertTrue(r.ok(), r.toString());
        assertEquals(1, r.warnings().size(), r.toString());
        ConfigProblem w = r.warnings().get(0);
        assertEquals("heartline.groups[0].vips[0].interface", w.key());
        assertEquals(11, w.line());
        assertTrue(w.message().contains("'eth9'"), w.message());
        assertTrue(ConfigLoader.check(write(good()), new NetInterfaces(net)).warnings().isEmpty(), "eth0 is there");
        assertTrue(new NetInterfaces(net).test("eth0:1"), "an alias is looked up by its device");
        assertTrue(new NetInterfaces(dir.resolve("no-sysfs")).test("eth9"), "without sysfs nothing can be told");
    }

    @Test
    void aDirectoryIsCalledADirectory() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void aMissingFileIsClear() {
        Path missing = dir.resolve("nope.conf");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(missing));
        assertTrue(e.getMessage().contains("no such file"));
    }

    @Test
    void envOverridesWork() throws Exception {
        // ${?VAR} falls back to the value above when the variable is unset.
        HeartlineConfig c = ConfigLoader.load(write(good().replace("state-dir", "failback = auto\n  failback = ${?HEARTLINE_TEST_UNSET_VAR}\n  state-dir")));
        assertEquals(FailbackConfig.Mode.AUTO, c.failback().mode());
    }

    @Test
    void anAuthKeyOthersCanReadIsRefusedWithTheFix() throws Exception {
        java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        List<ConfigProblem> p = problems(good());
        assertEquals(1, p.size(), p.toString());
        assertEquals("heartline.auth-key-file", p.get(0).key());
        assertTrue(p.get(0).message().startsWith("auth key file " + key + " is owned by "), p.get(0).message());
        assertTrue(p.get(0).message().contains("with mode 0644"), p.get(0).message());
        assertTrue(p.get(0).message().endsWith("chown root: " + key + "; chmod 600 " + key), p.get(0).message());
    }

    @Test
    void thePlaceholderKeyIsRefused() throws Exception {
        Files.writeString(key, "CHANGE-ME\n");
        List<ConfigProblem> p = problems(good());
        assertEquals("heartline.auth-key-file", p.get(0).key());
        assertTrue(p.get(0).message().contains("placeholder"), p.get(0).message());
    }
}
