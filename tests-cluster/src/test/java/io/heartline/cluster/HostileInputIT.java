package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing a local user or a packet sends can stop a daemon, and a daemon that cannot go on ends at
 * once: real daemons in namespaces, a client that keeps its ARP cache, a VIP watch.
 * <ul>
 *   <li>While node-a dies, node-b's control socket, metrics listener and heartbeat ports are
 *       flooded (10,000 control connections, 10,000 HTTP connections, 10,000 garbage datagrams to
 *       each UDP port): the takeover still happens within the node-death bound of {@link SpineIT},
 *       node-b keeps running and answers {@code hactl status}.</li>
 *   <li>An {@code Error} injected on node-a's event loop (the test-only fault hook) ends its
 *       process within a second with exit code 75, after it removed its VIP; node-b takes over and
 *       there are never two holders.</li>
 * </ul>
 */
class HostileInputIT extends LabTest {
    static final int FLOOD = 10_000;
    static final Duration FLOOD_LASTS = Duration.ofSeconds(15);
    static final Duration NODE_DEATH_OUTAGE_BOUND = SpineIT.NODE_DEATH_OUTAGE_BOUND;

    Lab lab;
    HeartlinePair pair;
    ClientPoller client;
    VipWatch vip;

    void coldStart(Map<String, String> envOfA) {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        pair.start("node-a", envOfA);
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(10)));
    }

    /** A flood of at least {@link #FLOOD} inputs that lasts at least {@link #FLOOD_LASTS}: past the takeover and a status. */
    LabProcess flood(String host, String kind, String target, int threads) {
        LabProcess p = lab.start(host, ProcessSpec.of("flood-" + kind, JavaCommand.of(FloodMain.class, kind, target,
                String.valueOf(FLOOD), String.valueOf(threads), "20261206", String.valueOf(FLOOD_LASTS.toMillis()))));
        p.awaitLine("flood: started", Timing.scaled(Duration.ofSeconds(20)));
        return p;
    }

    /** The UDP ports node-b's daemon listens on (JGroups' unicast and multicast sockets). */
    List<String> udpTargets(String node) {
        String ss = lab.exec(node, "ss", "-Hulnp").stdout();
        Matcher m = Pattern.compile("\\S+:(\\d+)\\s+\\S+\\s+users:\\(\\(\"java\"").matcher(ss);
        TreeSet<String> ports = new TreeSet<>();
        while (m.find()) {
            ports.add(m.group(1));
        }
        List<String> targets = new ArrayList<>();
        for (String port : ports) {
            targets.add(lab.ip(node) + ":" + port);
        }
        targets.add("239.192.76.1:7640@eth0");
        assertTrue(targets.size() >= 2, "node-b's daemon listens on UDP: " + ss);
        return targets;
    }

    @Test
    void floodsDuringANodeDeathStopNeitherTheTakeoverNorTheSurvivor() {
        coldStart(Map.of());
        String udp = String.join(",", udpTargets("node-b"));
        // Four senders each (two for UDP): a flood of inputs, not a CPU-exhaustion test of a 2-core
        // machine; each still lasts past the takeover (printed below).
        LabProcess control = flood("node-b", "unix", pair.socket("node-b").toString(), 4);
        LabProcess metrics = flood("node-b", "http", "127.0.0.1:9670", 4);
        LabProcess garbage = flood("client", "udp", udp, 2);

        long fault = System.currentTimeMillis();
        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        ClientPoller.Outage outage = client.outageAround(fault, "node-b");
        System.out.println("[flood during node death] " + outage);
        assertTrue(outage.sinceFault().compareTo(Timing.scaled(NODE_DEATH_OUTAGE_BOUND)) < 0, outage.toString());
        assertTrue(control.isAlive(), "the control flood still runs while we ask");
        long t0 = System.nanoTime();
        assertEquals("ACTIVE", pair.state("node-b"), "hactl status answers during the control flood");
        System.out.println("[flood during node death] hactl status answered in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms while the control socket was flooded");

        for (LabProcess p : List.of(control, metrics, garbage)) {
            assertEquals(0, p.awaitExit(Timing.scaled(Duration.ofSeconds(150))), p.output());
            String counts = p.awaitLine("tried", Timing.scaled(Duration.ofSeconds(5)));
            System.out.println("[flood during node death] " + counts.strip());
            Matcher tried = Pattern.compile("(\\d+) tried").matcher(counts);
            assertTrue(tried.find() && Integer.parseInt(tried.group(1)) >= FLOOD, counts);
        }
        assertTrue(pair.daemon("node-b").isAlive(), "node-b survived the floods:\n" + pair.daemon("node-b").output());
        assertEquals("ACTIVE", pair.state("node-b"), "hactl status answers after the floods");
        assertEquals(2L, ((Number) pair.group("node-b").get("epoch")).longValue());
        assertEquals(lab.mac("node-b", "eth0"), lab.neighbourMac("client", HeartlinePair.VIP).orElseThrow());
        for (VipWatch.Interval i : vip.intervalsWithTwoHolders()) {
            assertTrue(i.fromEpochMillis() >= fault, "two holders before the fault: " + vip);
        }
        Shell.Result scrape = lab.tryExec("node-b", "curl", "-sS", "--max-time", "5", "http://127.0.0.1:9670/metrics");
        assertEquals(0, scrape.exitCode(), scrape.stderr());
        assertTrue(scrape.stdout().contains("heartline_metrics_http_requests_total"), "metrics still served");
    }

    @Test
    void anErrorOnTheEventLoopEndsTheDaemonWithinASecondAndThePeerTakesOver() {
        coldStart(Map.of("HEARTLINE_JAVA_OPTS", "-Dheartline.fault-hook=true"));
        pair.daemon("node-a").awaitLine("fault hook armed", Timing.scaled(Duration.ofSeconds(5)));
        long fault = System.currentTimeMillis();
        long t0 = System.nanoTime();
        pair.daemon("node-a").signal("USR2");
        int exit = pair.daemon("node-a").awaitExit(Timing.scaled(Duration.ofSeconds(10)));
        long exitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(75, exit, pair.daemon("node-a").output());
        assertTrue(pair.daemon("node-a").output().contains("FATAL: event loop"), pair.daemon("node-a").output());
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        vip.awaitHolders(Duration.ofSeconds(10), "node-b");
        ClientPoller.Outage outage = client.outageAround(fault, "node-b");
        System.out.println("[loop failure] node-a exited " + exit + " " + exitedMs + " ms after the injected Error; " + outage);
        assertTrue(exitedMs < Timing.scaled(Duration.ofSeconds(1)).toMillis(), "exited after " + exitedMs + " ms");
        assertEquals(1, vip.maxHolders(), "node-a released its VIP before exiting: never two holders: " + vip);
        assertEquals("ACTIVE", pair.state("node-b"));
        assertTrue(pair.journalEntries("node-b").stream().anyMatch(e -> "peer-dead".equals(e.get("kind"))));
    }
}
