package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigReport;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.SectionConfig;
import io.heartline.resources.lvs.CheckSpec;
import io.heartline.resources.lvs.Endpoint;
import io.heartline.resources.lvs.IpvsService;
import io.heartline.resources.lvs.LvsSection;
import io.heartline.resources.lvs.VirtualServiceSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl import keepalived} on the samples Debian ships with keepalived, which no one here
 * wrote: every sample with a vrrp_instance converts, given --node and --peer, into a config that
 * passes {@code config check} (run on the written file, with the resource and alert-channel checks);
 * every other sample is refused with its reason; none crashes the tool. Then the mappings one by
 * one, and the options a file cannot stand in for.
 */
class KeepalivedImportTest {
    private static final Map<String, String> OUTCOMES = new TreeMap<>();
    private static final String[] NODES = {"--node", "director1=192.168.200.1", "--peer", "director2=192.168.200.2"};

    @TempDir
    Path dir;
    ImportLab lab;

    @BeforeEach
    void lab() throws IOException {
        lab = new ImportLab(dir);
    }

    private static List<Path> debianSamples() throws IOException {
        Path samples = ImportLab.debianDocs("keepalived", "samples");
        try (Stream<Path> s = Files.list(samples)) {
            return s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList();
        }
    }

    /** Whether the sample has a vrrp_instance, read plainly (gzip or not), apart from the importer's parser. */
    private static boolean hasVrrpInstance(Path sample) throws IOException {
        byte[] bytes = Files.readAllBytes(sample);
        String text = sample.toString().endsWith(".gz")
                ? new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes())
                : new String(bytes);
        return text.lines().anyMatch(l -> l.strip().startsWith("vrrp_instance"));
    }

    @Test
    void everyDebianSampleWithAVrrpInstanceConvertsAndPassesConfigCheckAndTheOthersAreRefused() throws Exception {
        List<Path> samples = debianSamples();
        assertTrue(samples.size() >= 20, "Debian's keepalived ships 20-odd samples: " + samples);
        int converted = 0;
        for (Path sample : samples) {
            String name = sample.getFileName().toString();
            Path out = dir.resolve(name + ".heartline.conf");
            List<String> args = new ArrayList<>(List.of(NODES));
            args.addAll(List.of("-o", out.toString()));
            Cli.Run r = lab.run("keepalived", sample, args.toArray(String[]::new));
            assertFalse(r.err().contains("Exception"), name + ": " + r.err());
            if (hasVrrpInstance(sample)) {
                assertEquals(0, r.code(), name + " should convert:\n" + r.err());
                Cli.Run check = ImportLab.check(out);
                assertEquals(0, check.code(), name + ": config check of the written file:\n" + check.err());
                assertTrue(r.err().contains("passes config check"), r.err());
                HeartlineConfig c = ConfigLoader.load(out);
                assertEquals(2, c.nodes().size(), name);
                assertFalse(c.groups().isEmpty(), name);
                converted++;
                OUTCOMES.put(name, "converted: " + summary(r.err()));
            } else {
                assertEquals(1, r.code(), name + " should be refused:\n" + r.err());
                assertTrue(r.err().contains("has no vrrp_instance"), name + ": " + r.err());
                assertFalse(Files.exists(out), name + ": nothing is written when nothing can be");
                OUTCOMES.put(name, "refused: " + r.err().lines().filter(l -> l.startsWith("hactl import:")).findFirst().orElse("?"));
            }
        }
        assertTrue(converted >= 10, "Debian's samples have a dozen files with vrrp_instance; converted " + converted);
    }

    private static String summary(String err) {
        return err.lines().filter(l -> l.startsWith("hactl import:")).findFirst().orElse("?")
                .replaceAll("^hactl import: wrote [^:]*: ", "");
    }

    @AfterAll
    static void printOutcomes() throws IOException {
        if (OUTCOMES.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("hactl import keepalived on Debian's samples (/usr/share/doc/keepalived/samples):\n");
        OUTCOMES.forEach((k, v) -> sb.append(String.format("  %-42s %s%n", k, v)));
        System.out.print(sb);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/import-keepalived-samples.txt"), sb);
    }

    private Cli.Run importSample(String sample, String... more) {
        List<String> args = new ArrayList<>(List.of(NODES));
        args.addAll(List.of(more));
        return lab.run("keepalived", ImportLab.debianDocs("keepalived", "samples").resolve(sample), args.toArray(String[]::new));
    }

    private HeartlineConfig load(Cli.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        Path f = dir.resolve("imported.conf");
        Files.writeString(f, r.out());
        ConfigReport report = ConfigLoader.check(f);
        assertTrue(report.ok(), report.problems().toString());
        return report.config();
    }

    @Test
    void theDebianSampleNopreemptIsManualFailbackAndItsVirtualServerIsTheLvsDirectorWithItsChecks() throws Exception {
        Path rules = dir.resolve("ipvsadm.rules");
        Cli.Run r = importSample("keepalived.conf.sample", "--ipvs-rules", rules.toString());
        HeartlineConfig c = load(r);
        assertTrue(r.err().contains("keepalived.conf.sample:16: 'nopreempt' -> failback = manual"), r.err());
        assertEquals("MANUAL", c.failback().mode().name());
        GroupConfig g = c.groups().get(0);
        assertEquals("VI_1", g.name());
        assertEquals(List.of("192.168.200.11", "192.168.200.12", "192.168.200.13"),
                g.vips().stream().map(v -> v.address().getHostAddress()).toList());
        SectionConfig lvs = g.resources().get(0);
        assertEquals("lvs-director", lvs.name());
        assertEquals("script", lvs.type());
        assertEquals(Map.of("1", rules.toString()), lvs.values().get("params"));
        assertEquals(1, g.resources().size(), "the real server's check is the lvs-director's, not a resource of its own");
        // the sorry server forwarded as the virtual server (NAT, keepalived's default), no inhibit_on_failure: removal
        assertEquals(List.of(new VirtualServiceSpec(IpvsService.tcp(Endpoint.parse("10.10.10.2:1358")), VirtualServiceSpec.OnFailure.REMOVE,
                        new VirtualServiceSpec.SorryServer(Endpoint.parse("192.168.200.200:1358"), "-m", 1),
                        new CheckSpec(CheckSpec.Kind.HTTP, 0, "/testurl3/test.jsp", 200, null, List.of(), Duration.ofSeconds(6),
                                Duration.ofSeconds(3), 1, 4), Map.of())),
                LvsSection.parse(lvs));
        assertEquals(List.of("-A -t 10.10.10.2:1358 -s rr -p 50", "-a -t 10.10.10.2:1358 -r 192.168.200.2:1358 -m -w 1"),
                Files.readAllLines(rules));
        assertFalse(r.err().contains("'sorry_server"), "the sorry server is mapped as it is:\n" + r.err());
        assertTrue(r.err().contains("keepalived.conf.sample:43: 'retry 3' -> fall = 4"), r.err());
        assertTrue(r.err().contains("not mapped: 'digest 640205b7b0fc66c1ea91c463fac6334d'"), r.err());
    }

    @Test
    void syncGroupsBecomeOneGroupEachAndNotifyScriptsBecomeScriptChannels() throws Exception {
        HeartlineConfig c = load(importSample("keepalived.conf.vrrp.sync"));
        assertEquals(List.of("G1", "G2"), c.groups().stream().map(GroupConfig::name).toList());
        assertEquals(7, c.groups().get(0).vips().size(), "G1 has the VIPs of its seven instances");
        assertEquals(2, c.groups().get(1).vips().size());
        List<SectionConfig> channels = c.alertChannels();
        assertEquals(List.of("notify-vrrp.back", "notify-vrrp.mast", "notify-vrrp.fault"), channels.stream().map(SectionConfig::name).toList());
        assertEquals(List.of("takeover"), channels.get(1).values().get("kinds"));
        assertEquals("/usr/local/bin/vrrp.mast", channels.get(1).values().get("path"));
        assertEquals(2, c.media().size(), "a multicast medium on each of eth0 and eth1");
    }

    @Test
    void trackScriptsThatTestAPortBecomeProbesAndTheOthersAreReported() throws Exception {
        Cli.Run r = importSample("keepalived.conf.vrrp.localcheck");
        HeartlineConfig c = load(r);
        List<String> probes = c.groups().get(0).resources().stream().map(SectionConfig::name).toList();
        assertEquals(List.of("track-chk_http_port", "track-chk_https_port", "track-chk_smtp_port"), probes);
        assertEquals("failover", c.groups().get(0).resources().get(0).values().get("on-fail"));
        assertTrue(r.err().contains("'chk_haproxy weight 2    # +2 if process is present': only scripts that test a TCP port"), r.err());
        assertTrue(r.err().contains("not mapped: 'track_interface {': not needed: heartline watches every VIP's interface (no"
                + " carrier or set down on the owner moves the group)"), r.err());
    }

    @Test
    void conditionalLinesAreLeftOutAndSaidSo() throws Exception {
        Cli.Run r = importSample("keepalived.conf.conditional_conf");
        load(r);
        assertTrue(r.err().contains("keepalived.conf.conditional_conf:19: not mapped: '@high priority 170': a line for keepalived's"
                + " config id 'high'"), r.err());
    }

    @Test
    void aGzippedFileReadsLikeThePlainOne() throws Exception {
        Path plain = ImportLab.debianDocs("keepalived", "samples").resolve("keepalived.conf.vrrp");
        Path gz = dir.resolve("keepalived.conf.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(plain));
        }
        Cli.Run a = lab.run("keepalived", plain, NODES);
        Cli.Run b = lab.run("keepalived", gz, NODES);
        assertEquals(0, b.code(), b.err());
        assertEquals(a.out().replace(plain.toString(), "X"), b.out().replace(gz.toString(), "X"));
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void includesAreReadInPlaceAndAnIncludeLoopIsReported() throws Exception {
        Path main = write("keepalived.conf", "global_defs {\n  router_id lb1\n}\ninclude conf.d/*.conf\n");
        write("conf.d/10-vi1.conf", """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    unicast_src_ip 10.1.1.1
                    unicast_peer {
                        10.1.1.2
                    }
                    virtual_ipaddress {
                        10.1.1.100/24 dev eth0
                    }
                }
                include ../keepalived.conf
                """);
        Cli.Run r = lab.run("keepalived", main, "--node", "lb1", "--peer", "lb2");
        HeartlineConfig c = load(r);
        assertEquals(List.of("10.1.1.1", "10.1.1.2"), c.nodes().stream().map(n -> n.address().getHostAddress()).toList(),
                "this node's address from unicast_src_ip, the peer's from unicast_peer");
        assertEquals(List.of(100, 50), c.nodes().stream().map(n -> n.priority()).toList(), "MASTER here: this node is preferred");
        assertEquals("unicast", c.media().get(0).name());
        assertTrue(r.err().contains("is read already (an include loop, or included twice): left out"), r.err());
        assertTrue(r.err().contains("keepalived.conf:4: 'include conf.d/*.conf' -> read 1 file(s)"), r.err());
    }

    @Test
    void whatTheFileCannotTellIsAskedForByOption() throws Exception {
        Path sample = ImportLab.debianDocs("keepalived", "samples").resolve("keepalived.conf.vrrp");
        Cli.Run noNode = lab.run("keepalived", sample);
        assertEquals(64, noNode.code());
        assertTrue(noNode.err().contains("pass --node NAME"), noNode.err());
        Cli.Run noPeer = lab.run("keepalived", sample, "--node", "a=10.0.0.1");
        assertEquals(64, noPeer.code());
        assertTrue(noPeer.err().contains("pass --peer NAME=ADDRESS for each other node") && noPeer.err().contains("multicast"),
                noPeer.err());
        Cli.Run noAddress = lab.run("keepalived", sample, "--node", "a", "--peer", "b=10.0.0.2");
        assertEquals(64, noAddress.code());
        assertTrue(noAddress.err().contains("pass --node a=ADDRESS"), noAddress.err());
        Cli.Run badAddress = lab.run("keepalived", sample, "--node", "a=lb1.example.com", "--peer", "b=10.0.0.2");
        assertEquals(64, badAddress.code());
        assertTrue(badAddress.err().contains("is not an IP address"), badAddress.err());

        ImportCommand.Keepalived cmd = new ImportCommand.Keepalived(Cli.env(new Cli.CountingPacer(0)));
        cmd.usualAuthKey = dir.resolve("no-such-authkey");
        Cli.Run noKey = ImportLab.direct(cmd, sample.toString(), "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2");
        assertEquals(64, noKey.code());
        assertTrue(noKey.err().contains("pass --auth-key-file PATH"), noKey.err());
    }

    @Test
    void aMissingKeyFileIsMadeReadableByItsOwnerOnly() throws Exception {
        Path key = dir.resolve("new-authkey");
        Cli.Run r = Cli.hactl("import", "keepalived", ImportLab.debianDocs("keepalived", "samples").resolve("keepalived.conf.vrrp").toString(),
                "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2", "--auth-key-file", key.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(65, Files.readString(key).length(), "64 hex digits and a newline");
        assertTrue(r.err().contains("made a new auth key in " + key), r.err());
        assertTrue(r.err().contains("copy this same file to every node"), r.err());
    }

    @Test
    void aFileWithNoVrrpInstanceAndNoVirtualServerIsRefused() throws Exception {
        Cli.Run r = lab.run("keepalived", write("empty.conf", "global_defs {\n  router_id x\n}\n"), NODES);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("has no vrrp_instance and no virtual_server"), r.err());
        Cli.Run missing = lab.run("keepalived", dir.resolve("nope.conf"), NODES);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.conf: no such file"), missing.err());
        Cli.Run directory = lab.run("keepalived", dir, NODES);
        assertTrue(directory.err().contains("is a directory"), directory.err());
    }

    @Test
    void aGoldenImportOfADirectorPair() throws Exception {
        Path conf = Path.of("src/test/resources/import/keepalived-lvs-dr/keepalived.conf");
        List<String> args = lab.args("keepalived", conf, "--node", "lb1", "--peer", "lb2", "--ipvs-rules", dir.resolve("ipvsadm.rules").toString());
        Cli.Run r = Cli.hactl(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("s3cr3t"), "VRRP's password is not echoed");
        Golden.assertMatches("commands/import-keepalived.text", Transcript.of(args, List.of(), r, dir));
        Golden.assertMatches("commands/import-keepalived-ipvsadm.rules", Files.readString(dir.resolve("ipvsadm.rules")));
    }
}
