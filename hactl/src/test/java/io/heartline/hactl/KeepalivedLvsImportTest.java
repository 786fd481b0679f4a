package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.SectionConfig;
import io.heartline.resources.lvs.CheckSpec;
import io.heartline.resources.lvs.Endpoint;
import io.heartline.resources.lvs.IpvsService;
import io.heartline.resources.lvs.LvsSection;
import io.heartline.resources.lvs.VirtualServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl import keepalived} on {@code virtual_server}s: each becomes an entry of the
 * lvs-director resource's {@code virtual-services} with its real servers' checks as keepalived ran
 * them ({@code TCP_CHECK}, {@code HTTP_GET}, {@code MISC_CHECK}, {@code inhibit_on_failure},
 * {@code sorry_server}), and the written config passes {@code config check}, which reads the rules
 * file the import wrote. Then every Debian sample with a virtual_server, made to convert.
 */
class KeepalivedLvsImportTest {
    private static final String VRRP = """
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                unicast_src_ip 10.0.0.1
                unicast_peer {
                    10.0.0.2
                }
                virtual_ipaddress {
                    192.168.0.200/24 dev eth0
                }
            }
            """;

    @TempDir
    Path dir;
    ImportLab lab;

    @BeforeEach
    void lab() throws IOException {
        lab = new ImportLab(dir);
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** The {@code virtual-services = [ … ] }} lines of a written config. */
    private static String virtualServices(String config) {
        List<String> lines = config.lines().toList();
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("virtual-services = [")) {
                from = i;
            } else if (from >= 0 && lines.get(i).strip().equals("] }") && lines.get(i).indexOf(']') == lines.get(from).indexOf('v')) {
                return String.join("\n", lines.subList(from, i + 1)) + "\n";
            }
        }
        return "";
    }

    private static int lineOf(String text, String start) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + start);
    }

    private static SectionConfig lvsDirector(HeartlineConfig c) {
        return c.groups().stream().flatMap(g -> g.resources().stream()).filter(r -> r.name().equals("lvs-director")).findFirst()
                .orElseThrow(() -> new AssertionError("no lvs-director resource"));
    }

    @Test
    void virtualServersBecomeTheLvsDirectorsVirtualServicesWithTheirChecksAndPassConfigCheck() throws Exception {
        lab.stub(dir, "check-db");
        String program = dir.resolve("check-db").toString();
        String text = VRRP + """

                virtual_server 192.168.0.200 80 {
                    delay_loop 5
                    lb_algo wlc
                    lb_kind DR
                    protocol TCP
                    sorry_server 192.168.0.250 8080
                    real_server 192.168.0.110 80 {
                        weight 100
                        inhibit_on_failure
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200
                                digest 640205b7b0fc66c1ea91c463fac6334d
                            }
                            connect_timeout 2
                            retry 2
                            delay_before_retry 1
                        }
                    }
                    real_server 192.168.0.120 80 {
                        weight 100
                        inhibit_on_failure
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200
                            }
                            connect_timeout 2
                            retry 2
                        }
                    }
                }

                virtual_server 192.168.0.200 5432 {
                    delay_loop 10
                    lb_kind NAT
                    sorry_server 192.168.1.250 5433
                    sorry_server_lvs_method NAT
                    real_server 192.168.1.11 5432 {
                        TCP_CHECK {
                            connect_port 6432
                            connect_timeout 3
                        }
                    }
                    real_server 192.168.1.12 5432 {
                        inhibit_on_failure
                        MISC_CHECK {
                            misc_path "PROGRAM --quick 192.168.1.12"
                            misc_timeout 4
                        }
                    }
                }

                virtual_server 192.168.0.200 25 {
                    delay_loop 7200
                    lb_kind DR
                    real_server 192.168.1.21 25 {
                        SMTP_CHECK {
                            connect_timeout 20
                            retry 500
                        }
                    }
                }

                virtual_server 192.168.0.200 8080 {
                    delay_loop 2
                    lb_kind DR
                    inhibit_on_failure
                    sorry_server 192.168.1.250 8080
                    real_server 192.168.1.31 8080 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server 192.168.1.32 8080 {
                        MISC_CHECK {
                            misc_path "check-web 192.168.1.32"
                        }
                    }
                }

                virtual_server fwmark 7 {
                    delay_loop 2
                    lb_kind DR
                    real_server 192.168.1.41 {
                        TCP_CHECK {
                            connect_port 443
                        }
                    }
                }
                """.replace("PROGRAM", program);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, text);
        Path out = dir.resolve("heartline.conf");
        Path rules = dir.resolve("ipvsadm.rules");
        Cli.Run r = lab.run("keepalived", conf, "--node", "lb1", "--peer", "lb2", "--ipvs-rules", rules.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Cli.Run check = ImportLab.check(out);
        assertEquals(0, check.code(), "config check of the written file:\n" + check.err());

        String at = conf.toString();
        assertEquals("""
                          virtual-services = [
                            # virtual_server 192.168.0.200 80 (AT:%d)
                            { address = "192.168.0.200:80", protocol = "tcp", on-failure = "quiescent", sorry-server = "192.168.0.250", sorry-server-forwarding = "dr"
                              check { type = "http", path = "/health", expect-status = 200, interval = 5s, timeout = 2s, rise = 1, fall = 3 } }
                            # virtual_server 192.168.0.200 5432 (AT:%d)
                            { address = "192.168.0.200:5432", protocol = "tcp", on-failure = "quiescent", sorry-server = "192.168.1.250:5433", sorry-server-forwarding = "nat"
                              real-servers = [
                                { address = "192.168.1.11:5432", check { type = "tcp", port = 6432, interval = 10s, timeout = 3s, rise = 1, fall = 2 } }
                                { address = "192.168.1.12:5432", check { type = "command", command = [ "PROGRAM", "--quick", "192.168.1.12" ], interval = 10s, timeout = 4s, rise = 1, fall = 1 } }
                              ] }
                            # virtual_server 192.168.0.200 25 (AT:%d)
                            { address = "192.168.0.200:25", protocol = "tcp", on-failure = "remove"
                              check { type = "tcp", interval = 3600s, timeout = 20s, rise = 1, fall = 100 } }
                            # virtual_server fwmark 7 (AT:%d)
                            { fwmark = 7, on-failure = "remove"
                              check { type = "tcp", port = 443, interval = 2s, timeout = 2s, rise = 1, fall = 2 } }
                          ] }
                """.formatted(lineOf(text, "virtual_server 192.168.0.200 80"), lineOf(text, "virtual_server 192.168.0.200 5432"),
                lineOf(text, "virtual_server 192.168.0.200 25"), lineOf(text, "virtual_server fwmark 7"))
                .replace("AT", at).replace("PROGRAM", program), virtualServices(Files.readString(out)));

        assertEquals(List.of(
                "-A -t 192.168.0.200:80 -s wlc",
                "-a -t 192.168.0.200:80 -r 192.168.0.110:80 -g -w 100",
                "-a -t 192.168.0.200:80 -r 192.168.0.120:80 -g -w 100",
                "-A -t 192.168.0.200:5432 -s wlc",
                "-a -t 192.168.0.200:5432 -r 192.168.1.11:5432 -m -w 1",
                "-a -t 192.168.0.200:5432 -r 192.168.1.12:5432 -m -w 1",
                "-A -t 192.168.0.200:25 -s wlc",
                "-a -t 192.168.0.200:25 -r 192.168.1.21:25 -g -w 1",
                "-A -t 192.168.0.200:8080 -s wlc",
                "-a -t 192.168.0.200:8080 -r 192.168.1.31:8080 -g -w 1",
                "-a -t 192.168.0.200:8080 -r 192.168.1.32:8080 -g -w 1",
                "-A -f 7 -s wlc",
                "-a -f 7 -r 192.168.1.41:0 -g -w 1"), Files.readAllLines(rules));

        // what the daemon reads: the same, as it parses it
        Endpoint web = Endpoint.parse("192.168.0.200:80");
        Endpoint db = Endpoint.parse("192.168.0.200:5432");
        List<VirtualServiceSpec> expected = List.of(
                new VirtualServiceSpec(IpvsService.tcp(web), VirtualServiceSpec.OnFailure.QUIESCENT,
                        new VirtualServiceSpec.SorryServer(Endpoint.parse("192.168.0.250:80"), "-g", 1),
                        new CheckSpec(CheckSpec.Kind.HTTP, 0, "/health", 200, null, List.of(), s(5), s(2), 1, 3), Map.of()),
                new VirtualServiceSpec(IpvsService.tcp(db), VirtualServiceSpec.OnFailure.QUIESCENT,
                        new VirtualServiceSpec.SorryServer(Endpoint.parse("192.168.1.250:5433"), "-m", 1), null, Map.of(
                        Endpoint.parse("192.168.1.11:5432"), new CheckSpec(CheckSpec.Kind.TCP, 6432, "/", 200, null, List.of(), s(10), s(3), 1, 2),
                        Endpoint.parse("192.168.1.12:5432"), new CheckSpec(CheckSpec.Kind.COMMAND, 0, "/", 200, null,
                                List.of(program, "--quick", "192.168.1.12"), s(10), s(4), 1, 1))),
                new VirtualServiceSpec(IpvsService.tcp(Endpoint.parse("192.168.0.200:25")), VirtualServiceSpec.OnFailure.REMOVE, null,
                        new CheckSpec(CheckSpec.Kind.TCP, 0, "/", 200, null, List.of(), Duration.ofHours(1), s(20), 1, 100), Map.of()),
                new VirtualServiceSpec(IpvsService.fwmark(7), VirtualServiceSpec.OnFailure.REMOVE, null,
                        new CheckSpec(CheckSpec.Kind.TCP, 443, "/", 200, null, List.of(), s(2), s(2), 1, 2), Map.of()));
        assertEquals(expected, LvsSection.parse(lvsDirector(ConfigLoader.load(out))));

        String err = r.err();
        int sorry = lineOf(text, "    sorry_server 192.168.0.250 8080");
        assertTrue(err.contains(at + ":" + sorry + ": 'sorry_server 192.168.0.250 8080' -> sorry-server = 192.168.0.250: with dr"
                + " forwarding it answers on the virtual server's port 80, not 8080"), err);
        assertTrue(err.contains("'retry 2' -> fall = 3: keepalived takes a server out after a failed check and 2 failed retries"), err);
        assertTrue(err.contains("not mapped: 'digest 640205b7b0fc66c1ea91c463fac6334d': heartline's http check tests the status"), err);
        assertTrue(err.contains("not mapped: 'delay_before_retry 1': heartline checks again an interval (delay_loop) later"), err);
        assertTrue(err.contains(at + ":" + lineOf(text, "virtual_server 192.168.0.200 5432") + ": 'virtual_server 192.168.0.200 5432 {'"
                + " -> on-failure = quiescent for all its real servers: heartline has one on-failure per virtual service, and 1 of"
                + " them had no inhibit_on_failure"), err);
        assertTrue(err.contains("'SMTP_CHECK {' -> type = tcp, a TCP connect to port 25: heartline's checks do not speak SMTP"), err);
        assertTrue(err.contains("'SMTP_CHECK {' -> interval = 3600s, not 7200s (delay_loop): heartline checks a real server every"
                + " 100ms to 3600s"), err);
        assertTrue(err.contains("'retry 500' -> fall = 100 (heartline's most)"), err);
        assertTrue(err.contains("'virtual_server 192.168.0.200 8080 {' -> IPVS rules only, not in virtual-services: real server"
                + " 192.168.1.32:8080 (" + at + ":" + lineOf(text, "    real_server 192.168.1.32 8080") + ") has no check heartline"
                + " can run"), err);
        assertTrue(err.contains("not mapped: 'misc_path \"check-web 192.168.1.32\"': 'check-web' is not an absolute path"), err);
        assertTrue(err.contains(at + ":" + lineOf(text, "    inhibit_on_failure") + ": not mapped: 'inhibit_on_failure': its real"
                + " servers are not checked"), err);
        assertTrue(err.contains("not mapped: 'sorry_server 192.168.1.250 8080': its real servers are not checked"), err);
        assertTrue(err.contains("'TCP_CHECK {' -> timeout = 2s, not 5s: no longer than the interval"), err);
        assertTrue(err.contains("note: the real-server checks keep keepalived's timing"), err);
    }

    @Test
    void withoutARulesFileTheChecksWaitCommentedAtTheEndAndTheConfigPassesConfigCheck() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        String text = VRRP + """
                virtual_server 192.168.0.200 80 {
                    lb_kind DR
                    real_server 192.168.0.110 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """;
        Files.writeString(conf, text);
        Path out = dir.resolve("heartline.conf");
        Cli.Run r = lab.run("keepalived", conf, "--node", "lb1", "--peer", "lb2", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0, ImportLab.check(out).code());
        String written = Files.readString(out);
        assertFalse(lvsDirector(ConfigLoader.load(out)).values().containsKey("virtual-services"), written);
        assertTrue(written.contains("""
                #   virtual-services = [
                #     # virtual_server 192.168.0.200 80 (%s:%d)
                #     { address = "192.168.0.200:80", protocol = "tcp", on-failure = "remove"
                #       check { type = "tcp", interval = 60s, timeout = 5s, rise = 1, fall = 2 } }
                #   ]
                """.formatted(conf, lineOf(text, "virtual_server"))), written);
        assertTrue(r.err().contains("note: the real servers' checks (virtual-services) are at the end of the config, commented"), r.err());
    }

    /** A sample as it is, with a vrrp_instance added when it has none (so that it converts). */
    private Path convertible(Path sample) throws IOException {
        String text = Files.readString(sample);
        if (text.lines().noneMatch(l -> l.strip().startsWith("vrrp_instance"))) {
            text += "\nvrrp_instance VI_TEST {\n    state MASTER\n    interface lo\n    virtual_router_id 9\n"
                    + "    virtual_ipaddress {\n        10.10.10.2/24\n    }\n}\n";
        }
        return Files.writeString(dir.resolve(sample.getFileName()), text);
    }

    /** {@code tcp 10.0.0.1:80 remove: http} for each listed service (its check, or each real server's). */
    private static List<String> summary(List<VirtualServiceSpec> specs) {
        List<String> out = new ArrayList<>();
        for (VirtualServiceSpec s : specs) {
            Map<String, String> kinds = new LinkedHashMap<>();
            if (s.check() != null) {
                kinds.put("", s.check().kind().name().toLowerCase());
            }
            s.ownChecks().forEach((e, c) -> kinds.put(e.toString(), c.kind().name().toLowerCase()));
            out.add(s.service() + " " + s.onFailure().name().toLowerCase() + (s.sorryServer() == null ? "" : " sorry "
                    + s.sorryServer().server()) + ": " + String.join(",", new TreeMap<>(kinds).values()));
        }
        return out;
    }

    @Test
    void everyDebianSampleWithAVirtualServerConvertsWithItsChecksAndPassesConfigCheck() throws Exception {
        Map<String, List<String>> checked = new TreeMap<>();
        try (Stream<Path> files = Files.list(ImportLab.debianDocs("keepalived", "samples"))) {
            for (Path sample : files.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList()) {
                if (Files.readString(sample).lines().noneMatch(l -> l.strip().startsWith("virtual_server "))) {
                    continue;
                }
                String name = sample.getFileName().toString();
                Path out = dir.resolve(name + ".heartline.conf");
                Path rules = dir.resolve(name + ".rules");
                Cli.Run r = lab.run("keepalived", convertible(sample), "--node", "director1=192.168.200.1", "--peer",
                        "director2=192.168.200.2", "--ipvs-rules", rules.toString(), "-o", out.toString());
                assertEquals(0, r.code(), name + ":\n" + r.err());
                Cli.Run check = ImportLab.check(out);
                assertEquals(0, check.code(), name + ": config check of the written file:\n" + check.err());
                HeartlineConfig c = ConfigLoader.load(out);
                boolean director = c.groups().stream().flatMap(g -> g.resources().stream()).anyMatch(x -> x.name().equals("lvs-director"));
                checked.put(name, director ? summary(LvsSection.parse(lvsDirector(c))) : List.of("(no lvs-director: " + r.err().lines()
                        .filter(l -> l.contains("'virtual_server ")).findFirst().orElse("?") + ")"));
            }
        }
        assertTrue(checked.size() >= 15, "Debian's samples have 16 files with a virtual_server: " + checked.keySet());
        // SSL_GET is a TCP connect (the http check speaks no TLS), HTTP_GET an http check
        assertEquals(List.of("tcp 192.168.200.100:443 remove: tcp", "tcp 192.168.200.100:80 remove: http"),
                checked.get("keepalived.conf.SSL_GET"));
        assertEquals(List.of("tcp 10.10.10.2:1358 quiescent: http"), checked.get("keepalived.conf.inhibit"));
        assertEquals(List.of("tcp 10.10.10.2:1358 remove sorry 192.168.200.200:1358: http"), checked.get("keepalived.conf.sample"));
        assertEquals(List.of("fwmark 1 remove: tcp"), checked.get("keepalived.conf.fwmark"));
        assertEquals(List.of("tcp 192.168.200.100:25 remove: tcp,tcp,tcp"), checked.get("keepalived.conf.SMTP_CHECK"),
                "three real servers, each its own timeout");
        assertEquals(List.of(), checked.get("keepalived.conf.PING_CHECK"), "PING_CHECK is no check heartline runs");
        assertEquals(List.of(), checked.get("keepalived.conf.UDP_CHECK"));
        if (!Files.isExecutable(Path.of("/usr/local/bin/script.sh"))) {
            assertEquals(List.of(), checked.get("keepalived.conf.misc_check"), "its program is not on this machine");
        }
        Files.createDirectories(Path.of("target"));
        StringBuilder sb = new StringBuilder("hactl import keepalived --ipvs-rules on Debian's samples with a virtual_server:\n");
        checked.forEach((k, v) -> sb.append(String.format("  %-36s %s%n", k, v)));
        Files.writeString(Path.of("target/import-keepalived-lvs-samples.txt"), sb);
    }
}
