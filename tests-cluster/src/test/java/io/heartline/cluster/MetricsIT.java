package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint of a real daemon: node-b's {@code /metrics} scraped with curl from
 * inside node-b's namespace (the endpoint is on that namespace's loopback), before and after
 * node-a dies. The takeover is counted once and timed; the beacons from node-a stop counting.
 */
class MetricsIT extends LabTest {
    private static final String LISTEN = "127.0.0.1:9680";

    private Lab lab;

    /** The scrape as text; fails with curl's own error when the endpoint does not answer. */
    private String scrape(String node) {
        Shell.Result r = lab.tryExec(node, "curl", "-sS", "--max-time", "5", "http://" + LISTEN + "/metrics");
        assertEquals(0, r.exitCode(), "curl in " + node + ": " + r.stderr());
        return r.stdout();
    }

    private double value(String node, String name, String... labels) {
        return Scrape.value(scrape(node), name, labels);
    }

    @Test
    void theBackupCountsAndTimesItsTakeoverAndStopsCountingTheDeadPeersBeacons() {
        lab = lab(b -> b.nodes("node-a", "node-b"));
        HeartlinePair pair = new HeartlinePair(lab).with("  metrics { listen = \"" + LISTEN + "\" }");
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));

        String[] fromA = {"peer", "node-a", "medium", "multicast"};
        await("node-b counts beacons from node-a").atMost(Timing.scaled(Duration.ofSeconds(10)))
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> value("node-b", "heartline_beacons_received_total", fromA) > 0);
        String before = scrape("node-b");
        double takeoversBefore = Scrape.value(before, "heartline_takeovers_total", "group", "web", "outcome", "ok");
        assertEquals(0.0, takeoversBefore, "node-b has not taken over yet");
        assertEquals(1.0, Scrape.value(before, "heartline_link_up", fromA));
        assertEquals(1.0, Scrape.value(before, "heartline_group_state", "group", "web", "state", "standby"));
        assertTrue(before.contains("jvm_memory_used_bytes{area=\"heap\""), "JVM heap meters are served");
        Shell.Result notFound = lab.tryExec("node-b", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "5", "http://" + LISTEN + "/");
        assertEquals("404", notFound.stdout().strip(), "anything but GET /metrics is a 404");

        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        pair.awaitActive("node-b", Duration.ofSeconds(10));

        await("the takeover is counted once and timed").atMost(Timing.scaled(Duration.ofSeconds(5)))
                .pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                    String after = scrape("node-b");
                    assertEquals(takeoversBefore + 1,
                            Scrape.value(after, "heartline_takeovers_total", "group", "web", "outcome", "ok"), after);
                    assertTrue(Scrape.value(after, "heartline_takeover_duration_seconds_count", "group", "web") >= 1);
                    assertEquals(1.0, Scrape.value(after, "heartline_group_owned", "group", "web"));
                    assertEquals(0.0, Scrape.value(after, "heartline_link_up", fromA));
                });
        String after = scrape("node-b");
        System.out.println("[metrics] takeover took "
                + Scrape.value(after, "heartline_takeover_duration_seconds_sum", "group", "web") + " s (claim to ACTIVE)");
        double received = Scrape.value(after, "heartline_beacons_received_total", fromA);
        await("no beacon from the dead node-a is counted any more")
                .during(Timing.scaled(Duration.ofSeconds(2))).atMost(Timing.scaled(Duration.ofSeconds(4)))
                .pollInterval(250, TimeUnit.MILLISECONDS)
                .until(() -> value("node-b", "heartline_beacons_received_total", fromA) == received);
        assertTrue(Scrape.value(scrape("node-b"), "heartline_beacon_age_seconds", fromA) >= 2.0,
                "the beacon age keeps growing");
    }

    /** Reads one sample out of the Prometheus text format. */
    static final class Scrape {
        private Scrape() {
        }

        /** The value of the one sample of {@code name} whose labels include every given pair. */
        static double value(String text, String name, String... labels) {
            Double found = null;
            for (String line : text.split("\n")) {
                if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                    continue;
                }
                boolean all = true;
                for (int i = 0; i + 1 < labels.length; i += 2) {
                    all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (all) {
                    if (found != null) {
                        throw new AssertionError("more than one sample of " + name + " with " + String.join(",", labels));
                    }
                    found = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            if (found == null) {
                throw new AssertionError("no sample " + name + " with " + String.join(",", labels) + " in:\n" + text);
            }
            return found;
        }
    }
}
