package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An LVS director pair's real-server checks against real services: two real servers in their
 * own namespaces (rs1 10.77.0.100, rs2 10.77.0.101), each with an HTTP service on port 80 and a
 * TCP service on 8080; rs2's HTTP answers 500. The directors run the shipped lvs-director script
 * with a recorded-command ipvsadm (the shared fake: this kernel has no IPVS) on their PATH, so
 * the test sees every ipvsadm call in order. Two virtual services on the VIP: port 80 checked by
 * HTTP (quiescent, sorry server 10.77.0.102), port 8080 by TCP connect (remove).
 *
 * <p>What is real: the daemons, the script, the checks' connections to the real servers across
 * the lab's network, the timing. What is not: the kernel's IPVS table (docs/lvs.md lists what
 * that leaves unverified).
 */
class RealServerCheckIT extends LabTest {
    static final String RULES = """
            -A -t 10.77.0.10:80 -s wlc
            -a -t 10.77.0.10:80 -r 10.77.0.100:80 -g -w 1
            -a -t 10.77.0.10:80 -r 10.77.0.101:80 -g -w 1
            -A -t 10.77.0.10:8080 -s rr
            -a -t 10.77.0.10:8080 -r 10.77.0.100:8080 -g -w 1
            -a -t 10.77.0.10:8080 -r 10.77.0.101:8080 -g -w 1
            """;
    static final String WEB = "-t 10.77.0.10:80 ";
    static final String TCP = "-t 10.77.0.10:8080 ";
    /** Checks every second (timeout 800 ms), both scaled by heartline.timing; two in a row to change. */
    static final long INTERVAL_MS = Timing.scaled(Duration.ofSeconds(1)).toMillis();
    static final long TIMEOUT_MS = Timing.scaled(Duration.ofMillis(800)).toMillis();
    /** A server changes about two intervals after its service does; this much is plenty. */
    static final Duration CHANGE = Duration.ofSeconds(15);

    Lab lab;
    HeartlinePair pair;
    LabProcess rs1Http;
    EchoService rs1Tcp;

    Path dir(String node, String what) {
        return pair.work().resolve(node).resolve(what);
    }

    /**
     * The fake ipvsadm's directory of {@code node} (tools in bin/, the table, the calls): in the
     * lab's log directory, so the calls are kept with the logs, and the daemons, which call
     * ipvsadm every second until the lab kills them, never write into a directory being deleted.
     */
    Path ipvs(String node, String what) {
        return lab.logDir().resolve(node + "-ipvs").resolve(what);
    }

    /** On each node: the script in its resource dir, the rules file, and the fake ipvsadm tools. */
    void install() {
        try {
            Path fake = Path.of("..", "ha-resources", "src", "test", "resources", "lvs", "fake-ipvsadm");
            Path script = Path.of("..", "scripts", "resources", "lvs-director");
            for (String node : lab.nodes()) {
                Files.createDirectories(dir(node, "resource.d"));
                Files.copy(script, dir(node, "resource.d/lvs-director"), StandardCopyOption.REPLACE_EXISTING);
                Flagsvc.executable(dir(node, "resource.d/lvs-director"));
                Files.writeString(dir(node, "ipvsadm.rules"), RULES);
                Files.createDirectories(ipvs(node, "bin"));
                for (String tool : List.of("ipvsadm", "ipvsadm-save", "ipvsadm-restore")) {
                    Files.copy(fake, ipvs(node, "bin/" + tool), StandardCopyOption.REPLACE_EXISTING);
                    Flagsvc.executable(ipvs(node, "bin/" + tool));
                }
                Files.writeString(ipvs(node, "calls"), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String director(String node) {
        return """
                { name = director, type = script, params { script = lvs-director, 1 = "%3$s" }, monitor-interval = 1s
                  virtual-services = [
                    { address = "10.77.0.10:80", on-failure = quiescent, sorry-server = "10.77.0.102"
                      check { type = http, path = "/health", expect-status = 200, expect-body = "ok",
                              interval = %1$dms, timeout = %2$dms, rise = 2, fall = 2 } }
                    { address = "10.77.0.10:8080", on-failure = remove
                      check { type = tcp, interval = %1$dms, timeout = %2$dms, rise = 2, fall = 2 } }
                  ] }""".formatted(INTERVAL_MS, TIMEOUT_MS, dir(node, "ipvsadm.rules"));
    }

    LabProcess http(String host, int status, String body) {
        LabProcess p = lab.start(host, ProcessSpec.of("http-80", JavaCommand.of(HttpRealServerMain.class, "80",
                Integer.toString(status), body)));
        p.awaitLine("listening", Timing.scaled(Duration.ofSeconds(10)));
        return p;
    }

    void startDaemon(String node) {
        pair.start(node, Map.of("PATH", ipvs(node, "bin") + ":" + System.getenv("PATH")));
    }

    /** Every call of the fake tools on {@code node}, in order. */
    List<String> calls(String node) {
        try {
            return Files.readAllLines(ipvs(node, "calls"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls that change one real server (-a, -e, -d) of the service {@code svc}, in order. */
    List<String> changes(String node, String svc) {
        return calls(node).stream().filter(c -> c.matches("ipvsadm -[aed] .*") && c.contains(svc)).toList();
    }

    void awaitChanges(String node, String svc, int n) {
        await(node + ": " + n + " changes of " + svc).atMost(Timing.scaled(CHANGE)).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> changes(node, svc).size() >= n);
    }

    List<Map<String, Object>> journal(String node, String kind) {
        return pair.journalEntries(node).stream().filter(e -> kind.equals(e.get("kind"))).toList();
    }

    /** Waits until {@code node}'s journal holds exactly {@code n} records of {@code kind}. */
    void awaitJournal(String node, String kind, int n) {
        await(node + ": " + n + " " + kind).atMost(Timing.scaled(Duration.ofSeconds(5))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> journal(node, kind).size() >= n);
        assertEquals(n, journal(node, kind).size(), kind);
    }

    @Test
    @SuppressWarnings("unchecked")
    void failedRealServersGoOutOneIpvsadmCallAtATimeAndComeBackWhenTheyRecover() {
        lab = lab(b -> b.nodes("node-a", "node-b").client("rs1").client("rs2"));
        assertEquals("10.77.0.100", lab.ip("rs1"));
        assertEquals("10.77.0.101", lab.ip("rs2"));
        rs1Http = http("rs1", 200, "ok rs1");
        rs1Tcp = EchoService.start(lab, "rs1", EchoService.DEFAULT_PORT);
        http("rs2", 500, "broken");
        EchoService.start(lab, "rs2", EchoService.DEFAULT_PORT);
        pair = new HeartlinePair(lab);
        install();
        pair.withNodeConfig(node -> "  resource-dir = \"" + dir(node, "resource.d") + "\"");
        pair.withResources(this::director);
        startDaemon("node-a");
        startDaemon("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(30));

        // rs2 answers 500: weight 0 after two checks; nothing else changes.
        awaitChanges("node-a", WEB, 1);
        assertEquals(List.of("ipvsadm -e " + WEB + "-r 10.77.0.101:80 -g -w 0"), changes("node-a", WEB));
        awaitJournal("node-a", "real-server-down", 1);
        Map<String, Object> down = journal("node-a", "real-server-down").get(0);
        assertEquals("10.77.0.101:80", down.get("server"));
        assertTrue(String.valueOf(down.get("cause")).contains("status 500, expected 200"), down.toString());
        Shell.Result status = pair.hactl("status", "--socket", pair.socket("node-a").toString());
        assertTrue(status.stdout().contains("Real servers:"), status.stdout());
        assertTrue(status.stdout().lines().anyMatch(l -> l.contains("10.77.0.101:80") && l.contains("DOWN")
                && l.contains("0/1") && l.contains("status 500")), status.stdout());
        System.out.println("[lvs] hactl status on node-a with rs2 answering 500:\n" + status.stdout());

        // rs1 stops: no healthy server on port 80, so the sorry server comes in before rs1 goes;
        // on port 8080 rs1 is removed.
        rs1Http.stop();
        rs1Tcp.close();
        awaitChanges("node-a", WEB, 3);
        awaitChanges("node-a", TCP, 1);
        assertEquals(List.of(
                "ipvsadm -e " + WEB + "-r 10.77.0.101:80 -g -w 0",
                "ipvsadm -a " + WEB + "-r 10.77.0.102:80 -g -w 1",
                "ipvsadm -e " + WEB + "-r 10.77.0.100:80 -g -w 0"), changes("node-a", WEB));
        assertEquals(List.of("ipvsadm -d " + TCP + "-r 10.77.0.100:8080"), changes("node-a", TCP));
        awaitJournal("node-a", "sorry-server-in", 1);
        Map<String, Object> web = (Map<String, Object>) ((List<Object>) pair.group("node-a").get("resources")).get(1);
        List<Map<String, Object>> servers = (List<Map<String, Object>>) web.get("real_servers");
        assertTrue(servers.stream().anyMatch(s -> "10.77.0.102:80".equals(s.get("server")) && "IN".equals(s.get("state"))),
                servers.toString());

        // rs1 comes back: its weight first, then the sorry server goes; on 8080 it is added again.
        rs1Http = http("rs1", 200, "ok rs1");
        rs1Tcp = EchoService.start(lab, "rs1", EchoService.DEFAULT_PORT);
        awaitChanges("node-a", WEB, 5);
        awaitChanges("node-a", TCP, 2);
        assertEquals(List.of(
                "ipvsadm -e " + WEB + "-r 10.77.0.101:80 -g -w 0",
                "ipvsadm -a " + WEB + "-r 10.77.0.102:80 -g -w 1",
                "ipvsadm -e " + WEB + "-r 10.77.0.100:80 -g -w 0",
                "ipvsadm -e " + WEB + "-r 10.77.0.100:80 -g -w 1",
                "ipvsadm -d " + WEB + "-r 10.77.0.102:80"), changes("node-a", WEB));
        assertEquals(List.of(
                "ipvsadm -d " + TCP + "-r 10.77.0.100:8080",
                "ipvsadm -a " + TCP + "-r 10.77.0.100:8080 -g -w 1"), changes("node-a", TCP));
        awaitJournal("node-a", "sorry-server-out", 1); // the journal is written by its own thread, a moment later
        awaitJournal("node-a", "ipvs-change", 7);
        assertEquals(List.of(), journal("node-a", "ipvs-change-failed"));

        // One server at a time: after the script's load, no flush, no restore, no other kind of call.
        List<String> a = calls("node-a");
        int loaded = a.indexOf("ipvsadm -C");
        assertTrue(loaded >= 0, a.toString());
        List<String> after = a.subList(loaded + 1, a.size()).stream()
                .filter(c -> !c.startsWith("  < ") && !c.equals("ipvsadm-restore ")).toList();
        assertEquals(List.of(), after.stream().filter(c -> !c.equals("ipvsadm-save -n") && !c.matches("ipvsadm -[aed] .*")).toList(),
                "only the status's ipvsadm-save and the changes, one server each");
        assertEquals(1, a.stream().filter(c -> c.equals("ipvsadm -C")).count(), "the table was loaded once, never flushed again");
        assertEquals("ACTIVE", pair.state("node-a"), "the monitor agreed with every change: no restart");
        double transitions = MetricsIT.Scrape.value(lab.exec("node-a", "curl", "-sS", "--max-time", "5",
                "http://127.0.0.1:9670/metrics").stdout(), "heartline_realserver_transitions_total",
                "server", "10.77.0.100:80", "to", "down");
        assertEquals(1.0, transitions);

        // The standby changed nothing; after a failover it loads the rules and checks from there.
        assertEquals(List.of(), calls("node-b").stream().filter(c -> c.matches("ipvsadm -[aed] .*")).toList());
        Shell.Result moved = pair.hactl("failover", "--socket", pair.socket("node-a").toString());
        assertEquals(0, moved.exitCode(), moved.stderr());
        pair.awaitActive("node-b", Duration.ofSeconds(30));
        awaitChanges("node-b", WEB, 1);
        assertEquals(List.of("ipvsadm -e " + WEB + "-r 10.77.0.101:80 -g -w 0"), changes("node-b", WEB));
        List<String> last = calls("node-a");
        assertEquals("ipvsadm -C", last.stream().filter(c -> c.startsWith("ipvsadm -")).reduce((x, y) -> y).orElseThrow(),
                "node-a's checks stopped before its table was cleared, and changed nothing after");
        System.out.println("[lvs] node-a ipvsadm changes: " + changes("node-a", WEB) + " " + changes("node-a", TCP));
    }
}
