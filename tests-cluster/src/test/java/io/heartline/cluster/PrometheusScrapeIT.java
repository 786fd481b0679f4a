package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server on the lab's client scrapes a real pair (each daemon's metrics
 * listener on its LAN address, every second) with the shipped rules: every Heartline metric the
 * rules read exists, the series say who owns the group; node-a dies, and Prometheus sees node-b's
 * takeover counted and fires {@code HeartlinePeerDead} and {@code HeartlineTakeover}; node-a comes
 * back, and the dead-peer alert resolves.
 */
class PrometheusScrapeIT extends LabTest {
    private static final int PORT = 9680;
    private static final String JOB = "heartline";

    @Test
    void prometheusScrapesThePairAndTheShippedRulesFireAndResolveAsTheClusterChanges() {
        Lab lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        HeartlinePair pair = new HeartlinePair(lab).withNodeConfig(node -> """
                metrics { listen = "%s:%d" }
                alerts { channels = [ { type = script, name = pager, path = /bin/true } ] }
                """.formatted(lab.ip(node), PORT));
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        String a = lab.ip("node-a") + ":" + PORT;
        String b = lab.ip("node-b") + ":" + PORT;
        PrometheusServer prometheus = PrometheusServer.start(lab, "client", JOB, List.of(a, b),
                PrometheusRules.shipped());

        assertEquals(PrometheusRules.alerts(PrometheusRules.text(PrometheusRules.shipped())).size(),
                prometheus.ruleGroups().stream().mapToInt(g -> ((List<?>) g.get("rules")).size()).sum(),
                "Prometheus loaded every shipped rule");
        await("both daemons are scraped and node-b hears node-a").atMost(Timing.scaled(Duration.ofSeconds(20)))
                .pollInterval(500, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                    assertEquals(2, prometheus.query("up{job=\"" + JOB + "\"} == 1").size());
                    assertEquals(List.of(1.0), values(prometheus.query(
                            "heartline_peer_alive{node=\"node-b\",peer=\"node-a\"}")));
                    assertTrue(prometheus.firing("HeartlinePeerDead").isEmpty(), "no peer dead before the fault");
                });
        Set<String> served = new TreeSet<>();
        prometheus.query("count by (__name__) ({__name__=~\"heartline_.+\"})").forEach(s -> served.add(s.label("__name__")));
        Set<String> read = PrometheusRules.metrics(PrometheusRules.text(PrometheusRules.shipped()));
        assertTrue(served.containsAll(read), "the rules read " + read + "; the daemons serve " + served);
        List<PrometheusServer.Sample> active = prometheus.query("heartline_group_state{group=\"web\",state=\"active\"} == 1");
        assertEquals(1, active.size(), active.toString());
        assertEquals("node-a", active.get(0).label("node"));
        assertEquals("lab", active.get(0).label("cluster"));
        assertEquals(Set.of("node-a", "node-b"), Set.copyOf(prometheus.query(
                "heartline_group_owner{group=\"web\",owner=\"node-a\"} == 1").stream().map(s -> s.label("node")).toList()),
                "both nodes see node-a own web");
        assertEquals(List.of(0.0), values(prometheus.query(
                "sum(heartline_takeovers_total{node=\"node-b\",group=\"web\",outcome=\"ok\"})")));

        lab.note("fault: node-a link down + kill -9");
        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        pair.awaitActive("node-b", Duration.ofSeconds(10));

        await("Prometheus sees the takeover and fires the rules").atMost(Timing.scaled(Duration.ofSeconds(30)))
                .pollInterval(500, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                    assertEquals(List.of(1.0), values(prometheus.query(
                            "heartline_takeovers_total{node=\"node-b\",group=\"web\",outcome=\"ok\"}")));
                    assertEquals(List.of(0.0), values(prometheus.query("up{instance=\"" + a + "\"}")));
                    assertEquals(1, prometheus.firing("HeartlinePeerDead", "node", "node-b", "peer", "node-a").size());
                    assertEquals(1, prometheus.firing("HeartlineTakeover", "node", "node-b", "group", "web").size());
                });
        Map<String, Object> dead = prometheus.firing("HeartlinePeerDead", "node", "node-b").get(0);
        assertEquals("node-b hears nothing from node-a", ((Map<?, ?>) dead.get("annotations")).get("summary"));
        assertEquals("critical", ((Map<?, ?>) dead.get("labels")).get("severity"));
        assertTrue(prometheus.firing("HeartlineGroupNoOwner").isEmpty(), "node-b runs web");
        assertTrue(prometheus.firing("HeartlineGroupTwoOwners").isEmpty());
        System.out.println("[prometheus] firing after the takeover: " + prometheus.alerts().stream()
                .filter(x -> "firing".equals(x.get("state"))).map(x -> ((Map<?, ?>) x.get("labels")).get("alertname"))
                .toList());

        lab.note("node-a back: link up, daemon started");
        lab.linkUp("node-a", "eth0");
        pair.start("node-a");
        await("the dead-peer alert resolves once node-a is heard again").atMost(Timing.scaled(Duration.ofSeconds(30)))
                .pollInterval(500, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                    assertEquals(List.of(1.0), values(prometheus.query(
                            "heartline_peer_alive{node=\"node-b\",peer=\"node-a\"}")));
                    assertTrue(prometheus.firing("HeartlinePeerDead").isEmpty(), prometheus.alerts().toString());
                });
        assertEquals(1, prometheus.firing("HeartlineTakeover", "node", "node-b").size(),
                "the takeover alert stays for its 10 minutes");
    }

    private static List<Double> values(List<PrometheusServer.Sample> samples) {
        return samples.stream().map(PrometheusServer.Sample::value).toList();
    }
}
