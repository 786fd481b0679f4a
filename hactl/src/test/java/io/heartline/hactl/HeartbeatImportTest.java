package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.MediumConfig;
import io.heartline.core.config.SectionConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl import heartbeat} on the examples Debian's heartbeat package ships
 * ({@code /usr/share/doc/heartbeat}: ha.cf.gz, haresources.gz, authkeys), which no one here wrote,
 * and on an LVS-DR director pair with ldirectord written the way the guides of the time wrote it.
 * Debian's files have every example commented out: as shipped they are refused with the reason;
 * with their examples switched on (the lines uncommented, nothing else changed) they convert into a
 * config that passes {@code config check}, with the real heartbeat scripts of /etc/ha.d/resource.d.
 */
class HeartbeatImportTest {
    private static final Map<String, String> OUTCOMES = new TreeMap<>();
    /** The example lines of Debian's ha.cf switched on: one of each directive, the Linux ones where it offers several. */
    private static final List<String> HA_CF_EXAMPLES = List.of("keepalive 2", "deadtime 30", "warntime 10", "initdead 120",
            "udpport\t694", "baud\t19200", "serial\t/dev/ttyS0", "bcast\teth0", "mcast eth0 ", "ucast eth0 ", "stonith_host", "watchdog",
            "node\t", "ping ", "ping_group", "respawn hacluster", "apiauth ipfail gid");

    @TempDir
    Path dir;
    ImportLab lab;

    @BeforeEach
    void lab() throws IOException {
        lab = new ImportLab(dir);
        lab.stub(lab.initDir, "http", "httpd");
    }

    private static Path debian() {
        return ImportLab.debianDocs("heartbeat", "");
    }

    private static String gunzip(Path gz) throws IOException {
        return new String(new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(gz))).readAllBytes());
    }

    /** Debian's three files with the given example lines uncommented, written into a directory of their own. */
    private Path switchedOn(String name, List<String> haCf, List<String> haresources, boolean authkeys) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("ha.cf"), uncomment(gunzip(debian().resolve("ha.cf.gz")), haCf));
        Files.writeString(d.resolve("haresources"), uncomment(gunzip(debian().resolve("haresources.gz")), haresources));
        String keys = Files.readString(debian().resolve("authkeys"));
        Files.writeString(d.resolve("authkeys"), authkeys ? uncomment(keys, List.of("auth", "1 crc", "2 sha1", "3 md5")) : keys);
        return d;
    }

    private static String uncomment(String text, List<String> starts) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            boolean on = line.startsWith("#") && starts.stream().anyMatch(s -> line.substring(1).startsWith(s));
            sb.append(on ? line.substring(1) : line).append('\n');
        }
        return sb.toString();
    }

    /** {@code hactl import heartbeat DIR} with heartbeat's own resource.d (not the lab's), the lab's key and init scripts. */
    private Cli.Run importDir(Path d, String... nodes) {
        List<String> args = new ArrayList<>(List.of("import", "heartbeat", d.toString(), "--auth-key-file", lab.authKey.toString(),
                "--init-dir", lab.initDir.toString(), "-o", d.resolve("heartline.conf").toString()));
        args.addAll(List.of(nodes));
        return Cli.hactl(args.toArray(String[]::new));
    }

    private static HeartlineConfig passes(Cli.Run r, Path d, String what) throws Exception {
        assertEquals(0, r.code(), what + ":\n" + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        Cli.Run check = ImportLab.check(d.resolve("heartline.conf"));
        assertEquals(0, check.code(), what + ": config check:\n" + check.err());
        OUTCOMES.put(what, "converted: " + r.err().lines().filter(l -> l.startsWith("hactl import:")).findFirst().orElse("?")
                .replaceAll("^hactl import: wrote [^:]*: ", ""));
        return ConfigLoader.load(d.resolve("heartline.conf"));
    }

    @Test
    void debiansFilesAsShippedAreRefusedForTheirCommentedOutExamples() {
        assertTrue(Files.exists(debian().resolve("ha.cf.gz")) && Files.exists(debian().resolve("haresources.gz")),
                "Debian ships ha.cf and haresources gzipped");
        Cli.Run r = lab.run("heartbeat", debian(), "--node", "ken3=192.168.1.1", "--peer", "kathy=192.168.1.2");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("haresources.gz has no resource group (every line is a comment or empty)"), r.err());
        OUTCOMES.put("as shipped", "refused: " + r.err().lines().filter(l -> l.startsWith("hactl import:")).findFirst().orElse("?"));
    }

    @Test
    void debiansFilesWithTheirExamplesSwitchedOnConvert() throws Exception {
        Path d = switchedOn("all-examples", HA_CF_EXAMPLES, List.of("just.linux-ha.org", "node1 "), true);
        Cli.Run r = importDir(d, "--node", "ken3=192.168.1.1", "--peer", "kathy");
        HeartlineConfig c = passes(r, d, "all examples switched on");
        assertEquals(List.of("ken3", "kathy"), c.nodes().stream().map(n -> n.id().name()).toList());
        assertEquals("192.168.1.2", c.nodes().get(1).address().getHostAddress(), "kathy's address is ucast's");
        assertEquals(Duration.ofSeconds(2), c.timing().interval());
        assertEquals(Duration.ofSeconds(30), c.timing().deadtime());
        assertEquals(Duration.ofSeconds(10), c.timing().warntime());
        assertEquals(Duration.ofSeconds(120), c.timing().initdead());
        assertEquals(List.of("serial-ttyS0", "bcast-eth0", "mcast-eth0", "unicast"), c.media().stream().map(MediumConfig::name).toList());
        assertTrue(c.failback().auto(), "auto_failback on");
        assertEquals(List.of("vip-135.9.216.110", "http", "httpd", "httpd-2", "Filesystem"),
                c.groups().stream().map(GroupConfig::name).toList());
        SectionConfig fs = c.groups().get(4).resources().get(0);
        assertEquals("script", fs.type());
        assertEquals(Map.of("1", "/dev/sda1", "2", "/data1", "3", "ext2"), fs.values().get("params"));
        assertEquals(Path.of("/etc/ha.d/resource.d"), c.resourceDir(), "heartbeat's own scripts, where heartbeat keeps them");
        assertTrue(r.err().contains("not mapped: 'ping 10.10.10.254': heartline has no ping nodes"), r.err());
        assertTrue(r.err().contains("not mapped: 'stonith_host * baytech …': heartline fences with fence-agents"), r.err());
        assertFalse(r.err().contains("mysecretpassword"), "the stonith device's password is not echoed");
        assertFalse(r.err().contains("Hello!") || r.err().contains("HI!"), "authkeys' keys are not echoed");
        assertTrue(r.err().contains("'2 sha1 …' -> heartline's auth-key-file: sha1 keys cannot sign"), r.err());
        assertTrue(r.err().contains("135.9.216.110/32 is already a VIP of group vip-135.9.216.110"), r.err());
    }

    @Test
    void eachHaresourcesExampleAloneConverts() throws Exception {
        String haresources = gunzip(debian().resolve("haresources.gz"));
        List<String> examples = haresources.lines().filter(l -> l.matches("#(just\\.linux-ha\\.org|node1)\\s.*"))
                .map(l -> l.substring(1)).toList();
        assertEquals(5, examples.size(), "Debian's haresources has five examples: " + examples);
        for (int i = 0; i < examples.size(); i++) {
            String line = examples.get(i);
            Path d = switchedOn("example-" + i, HA_CF_EXAMPLES, List.of(), false);
            Files.writeString(d.resolve("haresources"), haresources.replace("#" + line + "\n", line + "\n"));
            HeartlineConfig c = passes(importDir(d, "--node", "ken3=192.168.1.1", "--peer", "kathy"), d, "haresources: " + line);
            assertEquals(1, c.groups().size(), line);
        }
    }

    @Test
    void anLvsDrDirectorPairWithLdirectordConverts() throws Exception {
        Path src = Path.of("src/test/resources/import/lvs-dr-heartbeat");
        lab.stub(lab.resourceDir, "ldirectord", "LVSSyncDaemonSwap");
        List<String> args = lab.args("heartbeat", src, "--node", "director1=10.0.0.1", "--peer", "director2");
        Cli.Run r = Cli.hactl(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Path f = dir.resolve("lvs.conf");
        Files.writeString(f, r.out());
        HeartlineConfig c = ConfigLoader.load(f);
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), c.nodes().stream().map(n -> n.address().getHostAddress()).toList());
        assertEquals(List.of(100, 50), c.nodes().stream().map(n -> n.priority()).toList(), "haresources names director1");
        GroupConfig g = c.groups().get(0);
        assertEquals("192.168.0.200/24 dev eth0", g.vips().get(0).toString());
        assertEquals(List.of("ldirectord", "LVSSyncDaemonSwap"), g.resources().stream().map(SectionConfig::name).toList());
        assertEquals(Map.of("1", "ldirectord.cf"), g.resources().get(0).values().get("params"));
        assertFalse(c.failback().auto(), "auto_failback off");
        assertEquals(Duration.ofSeconds(10), c.timing().deadtime());
        assertTrue(r.err().contains("virtual 192.168.0.200:80 (real 192.168.0.110:80, 192.168.0.120:80)"), r.err());
        assertFalse(r.err().contains("Ld1r3ct0rPa1r-secret"), "authkeys' key is not echoed");
        Golden.assertMatches("commands/import-heartbeat.text", Transcript.of(args, List.of(), r, dir));
        OUTCOMES.put("LVS-DR pair with ldirectord (test resource)", "converted");
    }

    @Test
    void whatCannotBeImportedIsRefusedWithTheReason() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Run r = lab.run("heartbeat", empty, "--node", "a=10.0.0.1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no ha.cf (or .gz) in it"), r.err());

        Path crm = switchedOn("crm", HA_CF_EXAMPLES, List.of("node1 "), false);
        Files.writeString(crm.resolve("ha.cf"), "crm respawn\n", java.nio.file.StandardOpenOption.APPEND);
        Cli.Run pacemaker = importDir(crm, "--node", "ken3=192.168.1.1", "--peer", "kathy");
        assertEquals(1, pacemaker.code());
        assertTrue(pacemaker.err().contains("the resources are in Pacemaker's CIB"), pacemaker.err());

        Path ok = switchedOn("wrong-node", HA_CF_EXAMPLES, List.of("node1 "), false);
        Cli.Run wrongNode = importDir(ok, "--node", "node9=192.168.1.1");
        assertEquals(64, wrongNode.code());
        assertTrue(wrongNode.err().contains("--node node9: not a node of") && wrongNode.err().contains("(one of ken3, kathy)"),
                wrongNode.err());
    }

    @AfterAll
    static void printOutcomes() throws IOException {
        if (OUTCOMES.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("hactl import heartbeat on Debian's examples (/usr/share/doc/heartbeat) and the LVS-DR pair:\n");
        OUTCOMES.forEach((k, v) -> sb.append(String.format("  %-72s %s%n", k, v)));
        System.out.print(sb);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/import-heartbeat-samples.txt"), sb);
    }
}
