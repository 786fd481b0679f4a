package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix's fencing row: {@link FencingIT}'s "fence device failing, then back" on the
 * same kind of pair (fence_ipmilan against ipmi_sim BMCs, {@link Bmc}), under the auditor and
 * repeated. The owner dies (its cables cut, its daemon killed, its VIP still configured) while its
 * BMC does not answer: the peer may not take over until the fence succeeds, which it does once the
 * BMC answers again (the power-off removes the dead node's VIP first).
 *
 * <p>Target (issue 13): with fencing on, 0 samples with two holders of any kind; no takeover
 * before the fence is confirmed; the peer owns at the end.
 */
class FencingFaultIT extends FaultTest {
    @Test
    void aFailingFenceDeviceMeansNoTakeoverUntilItIsBackAndNeverTwoHolders() {
        Lab lab = lab(b -> b.network(Network.LAN).network(Network.HEARTBEAT).nodes("node-a", "node-b")
                .client("client").client("prober").client("bmc-a").client("bmc-b"));
        Map<String, Bmc> bmcs = Map.of("node-a", new Bmc(lab, "bmc-a", "node-a").start(),
                "node-b", new Bmc(lab, "bmc-b", "node-b").start());
        FaultCluster c = new FaultCluster(lab, "  timing { initdead = 15s }");
        c.pair.withMedia(node -> "{ type = multicast, interface = eth1, group = \"239.192.76.2\", port = 7641 }");
        c.pair.withFencing("""
                {
                    delay = 2s
                    timeout = 5s
                    devices = [ { type = fence-agent, name = ipmi, agent = fence_ipmilan,
                      options { username = %s, password = "%s", lanplus = 1, cipher = 3, power_wait = 0 },
                      nodes { %s, %s } } ]
                  }""".formatted(Bmc.USER, Bmc.PASSWORD, bmcs.get("node-a").nodeEntry(), bmcs.get("node-b").nodeEntry()));
        c.audit();
        for (String node : c.nodes()) {
            bmcs.get(node).onPowerOff(c.pair.start(node).pid());
        }
        c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
        FaultTable table = new FaultTable("FencingFaultIT", "fencing on (fence_ipmilan, ipmi_sim): the owner dies while its"
                + " BMC does not answer, then the BMC is back; 2 nodes");
        table.note("Target: 0 samples with two holders; no takeover before the fence is confirmed; the peer owns at the end.");
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "fence device down #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String peer = c.others(owner).get(0);
                long from = System.currentTimeMillis();
                bmcs.get(owner).stop();
                c.nemesis().nodeDies(owner, "eth0", "eth1");
                await().atMost(Timing.scaled(Duration.ofSeconds(60))).pollInterval(200, TimeUnit.MILLISECONDS)
                        .until(() -> c.journalOf(peer).stream().anyMatch(e -> "fence-failed".equals(e.get("kind"))
                                && ColdStartFaultIT.millis(e.get("time")) >= from));
                long failed = System.currentTimeMillis();
                boolean tookOverEarly = c.auditor().report(label, from, failed).timeline().segments().stream()
                        .anyMatch(s -> s.holders().contains(peer));
                bmcs.get(owner).start();
                long back = System.currentTimeMillis();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(1), Duration.ofSeconds(90));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                long served = r.timeline().firstSoleHolding(peer);
                table.add(r, String.format("%s died with its BMC down; fence failed after %d ms; %s; %s serves %s after the BMC"
                        + " was back", owner, failed - from, tookOverEarly ? "TOOK OVER BEFORE THE FENCE" : "no takeover before",
                        end, served < 0 ? "never" : (served - back) + " ms"));
                String evidence = "\n" + r.history() + c.evidence(from);
                check(r.twoHolders().isEmpty(), label, "two holders with fencing on " + r.twoHolders() + evidence);
                check(!tookOverEarly, label, peer + " took over before the fence succeeded" + evidence);
                check(peer.equals(end), label, "the peer does not own at the end (" + end + ")" + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
                revive(c, bmcs.get(owner), owner, peer);
            }
        } finally {
            table.print();
        }
        assertNoFindings();
    }

    /** The fenced node gets power and cables back and a fresh daemon; it comes back standby. */
    static void revive(FaultCluster c, Bmc bmc, String node, String owner) {
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).until(bmc::poweredOff);
        bmc.powerOnAndPlugIn();
        c.lab.linkUp(node, "eth0");
        c.lab.linkUp(node, "eth1");
        bmc.onPowerOff(c.pair.start(node).pid());
        await().atMost(Timing.scaled(Duration.ofSeconds(30))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(c.pair.state(node)) && "ACTIVE".equals(c.pair.state(owner)));
    }
}
