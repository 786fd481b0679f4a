package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl import} on garbage: random bytes, and real configurations cut, spliced and sprinkled
 * with braces, quotes and keywords. Whatever the input, the tool ends with one of its exit codes and
 * a message (never an exception), and whatever config it prints is valid HOCON. Seeded, so a failure
 * repeats. Then the limits: nesting, size, a gzip bomb.
 */
class ImportFuzzTest {
    private static final Set<Integer> EXITS = Set.of(0, 1, 64, 78);
    private static final String[] TOKENS = {"{", "}", "{", "}", "\"", "\n", " ", "!", "#", "@high ", "$X=1\n", "~SEQ(1,2,3)",
        "include conf.d/*.conf\n", "include ../x\n", "vrrp_instance VI_9 {\n", "virtual_ipaddress {\n", "10.9.9.9/33", "::1",
        "virtual_server 10.0.0.1 80 {\n", "real_server 1.2.3.4 {\n", "HTTP_GET { url { path /\u0000 } }", "notify_master \"x y\"\n",
        "unicast_peer { 10.0.0.2 }\n", "track_script { nope }\n", "interface \"eth 0\"\n", "priority 99999999999\n", "advert_int 0\n",
        "\\\n", "::", "IPaddr2::", "node ", "ucast eth0 10.0.0.2\n", "mcast eth0 224.0.0.1 99999 1 0\n", "keepalive 0ms\n",
        "deadtime 999999h\n", "serial ttyS0\n", "crm no\n", "${?X}", "\"\"\"", "\u00ff\u00fe", "é", "\t"};

    @TempDir
    Path dir;
    ImportLab lab;
    final Random random = new Random(16);

    @BeforeEach
    void lab() throws IOException {
        lab = new ImportLab(dir);
    }

    private static List<String> seeds() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(ImportLab.debianDocs("keepalived", "samples"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList()) {
                out.add(Files.readString(p));
            }
        }
        out.add(Files.readString(Path.of("src/test/resources/import/keepalived-lvs-dr/keepalived.conf")));
        return out;
    }

    private String mutate(String text) {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(40)));
                case 1 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> {
                    int from = sb.length() == 0 ? 0 : random.nextInt(sb.length());
                    sb.insert(at, sb.substring(from, Math.min(sb.length(), from + random.nextInt(200))));
                }
                case 3 -> sb.setLength(at);
                default -> sb.insert(at, randomText(1 + random.nextInt(20)));
            }
        }
        return sb.toString();
    }

    private String randomText(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** One import: an exit code the tool documents, no stack trace, and any config printed parses as HOCON. */
    private String assertSane(Cli.Run r, String what, String input) {
        String context = what + " (exit " + r.code() + ")\n--- input:\n" + input + "\n--- stderr:\n" + r.err();
        assertTrue(EXITS.contains(r.code()), context);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), context);
        if (r.code() == 0 || r.code() == 78) {
            try {
                ConfigFactory.parseString(r.out()).resolve();
            } catch (RuntimeException e) {
                throw new AssertionError("the printed config is not HOCON: " + e.getMessage() + "\n" + context, e);
            }
        } else {
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("hactl import: ") || l.startsWith("hactl: ")), context);
        }
        return Integer.toString(r.code());
    }

    @Test
    void mutatedKeepalivedConfsAndRandomBytesNeverCrashTheImport() throws Exception {
        List<String> seeds = seeds();
        Map<String, Integer> exits = new TreeMap<>();
        Path conf = dir.resolve("keepalived.conf");
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/a.conf"), "vrrp_instance VI_A { interface eth0\n virtual_ipaddress { 10.7.7.7 }\n}\n");
        for (int i = 0; i < 150; i++) {
            String input = i % 10 == 0 ? randomText(random.nextInt(3000)) : mutate(seeds.get(random.nextInt(seeds.size())));
            Files.writeString(conf, input, StandardCharsets.ISO_8859_1);
            Cli.Run r = lab.run("keepalived", conf, "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2");
            exits.merge(assertSane(r, "keepalived input " + i, input), 1, Integer::sum);
        }
        System.out.println("ImportFuzzTest keepalived: 150 inputs, exit codes " + exits);
        assertTrue(exits.getOrDefault("0", 0) > 0 && exits.getOrDefault("1", 0) > 0, "both outcomes reached: " + exits);
    }

    @Test
    void mutatedHeartbeatFilesAndRandomBytesNeverCrashTheImport() throws Exception {
        Path src = Path.of("src/test/resources/import/lvs-dr-heartbeat");
        String haCf = Files.readString(src.resolve("ha.cf"));
        String haresources = Files.readString(src.resolve("haresources"));
        String authkeys = Files.readString(src.resolve("authkeys"));
        Path d = Files.createDirectories(dir.resolve("ha.d"));
        lab.stub(lab.resourceDir, "ldirectord", "LVSSyncDaemonSwap");
        Map<String, Integer> exits = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            boolean garbage = i % 10 == 0;
            String a = garbage ? randomText(random.nextInt(2000)) : random.nextBoolean() ? mutate(haCf) : haCf;
            String b = garbage ? randomText(random.nextInt(2000)) : random.nextBoolean() ? mutate(haresources) : haresources;
            String c = random.nextInt(4) == 0 ? mutate(authkeys) : authkeys;
            Files.writeString(d.resolve("ha.cf"), a, StandardCharsets.ISO_8859_1);
            Files.writeString(d.resolve("haresources"), b, StandardCharsets.ISO_8859_1);
            Files.writeString(d.resolve("authkeys"), c, StandardCharsets.ISO_8859_1);
            Cli.Run r = lab.run("heartbeat", d, "--node", "director1=10.0.0.1", "--peer", "director2");
            exits.merge(assertSane(r, "heartbeat input " + i, "ha.cf:\n" + a + "\nharesources:\n" + b), 1, Integer::sum);
        }
        System.out.println("ImportFuzzTest heartbeat: 150 inputs, exit codes " + exits);
        assertTrue(exits.getOrDefault("0", 0) > 0 && exits.getOrDefault("1", 0) + exits.getOrDefault("64", 0) > 0,
                "both outcomes reached: " + exits);
    }

    @Test
    void blocksNestedTooDeepAreRefusedNotAStackOverflow() throws Exception {
        Path conf = dir.resolve("deep.conf");
        Files.writeString(conf, "vrrp_instance VI_1 {\n" + "x {\n".repeat(100_000));
        Cli.Run r = lab.run("keepalived", conf, "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("blocks nested more than 32 deep"), r.err());
    }

    @Test
    void aFileTooLargeAndAGzipBombAreRefused() throws Exception {
        Path big = dir.resolve("big.conf");
        Files.writeString(big, "! x\n".repeat(300_000));
        Cli.Run r = lab.run("keepalived", big, "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("larger than 1024 KiB"), r.err());
        Path bomb = dir.resolve("bomb.conf.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                o.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 200_000, "64 MiB of zeros packs small");
        Cli.Run b = lab.run("keepalived", bomb, "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2");
        assertEquals(1, b.code());
        assertTrue(b.err().contains("larger than 1024 KiB"), b.err());
    }

    @Test
    void valuesThatCouldBreakOutOfAStringStayInside() throws Exception {
        Path conf = dir.resolve("quotes.conf");
        Files.writeString(conf, """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_ipaddress {
                        10.0.0.100/24
                    }
                    notify_master "/usr/local/bin/x\\" } ${?HOME} y"
                }
                """);
        Cli.Run r = lab.run("keepalived", conf, "--node", "a=10.0.0.1", "--peer", "b=10.0.0.2");
        assertSane(r, "quotes", Files.readString(conf));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("path = \"/usr/local/bin/x\\\\\""), r.out());
    }
}
