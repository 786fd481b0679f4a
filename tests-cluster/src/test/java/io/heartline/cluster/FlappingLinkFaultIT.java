package io.heartline.cluster;

import io.heartline.testkit.Timing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The owner's cable pulled for 1 s and plugged in for 1 s, for 30 s (2-node pair, the fast
 * profile, fencing off, heartbeats and VIP on the same link).
 *
 * <p>Target (issue 13): the group leaves the flapping node once and stays on the healthy one (at
 * most 1 move); the client fails for at most one takeover time in all. A node cut off from every
 * peer by its own dead link never claims, and a term it started while cut off never wins over the
 * healthy node's when the link returns. Measured before this test (3 runs): 15 moves, both holding
 * for 14.5 of the 30 s, 7.3 s of client failures.
 */
class FlappingLinkFaultIT extends FaultTest {
    static final Duration DOWN = Duration.ofSeconds(1);
    static final Duration UP = Duration.ofSeconds(1);
    static final Duration FLAPPING = Duration.ofSeconds(30);
    /**
     * One takeover with the fast profile, as the client sees it: deadtime (50 ms), the claim and its
     * gratuitous ARP, one connect timeout of the poller (100 ms) on the dead MAC, and room for a
     * loaded machine (node death measures 76 ms p50 in bench/failover).
     */
    static final Duration TAKEOVER = Duration.ofMillis(500);

    @Test
    void aFlappingOwnerLinkMovesTheGroupAtMostOnceAndTheClientFailsForAtMostOneTakeover() {
        FaultCluster c = cluster(2, FAST).startAll();
        FaultTable table = new FaultTable("FlappingLinkFaultIT", "owner's link down " + DOWN.toSeconds() + " s / up "
                + UP.toSeconds() + " s for " + FLAPPING.toSeconds() + " s, fast profile, fencing off, 2 nodes");
        table.note("Target: at most 1 move, the group ends on the healthy node, client failure at most one takeover ("
                + Timing.scaled(TAKEOVER).toMillis() + " ms).");
        long moves = 0;
        long twoMs = 0;
        long failMs = 0;
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "flapping #" + run;
                String flapping = c.auditor().awaitSettled(Duration.ofSeconds(2), Duration.ofSeconds(30));
                String healthy = c.others(flapping).get(0);
                long from = System.currentTimeMillis();
                int pulls = c.nemesis().flap(flapping, "eth0", DOWN, UP, FLAPPING);
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(30));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                moves += r.timeline().moves();
                twoMs += r.twoHoldersMillis();
                failMs += r.client().failedMillis();
                table.add(r, String.format("%s flapped (%d pulls), %s healthy; moves %d, two holders %d ms, client failed %d ms",
                        flapping, pulls, healthy, r.timeline().moves(), r.twoHoldersMillis(), r.client().failedMillis()));
                String evidence = "\n" + r.history() + c.evidence(from);
                check(r.timeline().moves() <= 1, label, r.timeline().moves() + " moves" + evidence);
                check(healthy.equals(end), label, "the group ended on the flapping node " + end);
                check(r.client().failedMillis() <= Timing.scaled(TAKEOVER).toMillis(), label, "the client failed for "
                        + r.client().failedMillis() + " ms");
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            int done = Math.max(1, table.runs());
            table.figure("moves per run (mean)", String.format("%.1f", (double) moves / done));
            table.figure("two holders per run (mean ms)", twoMs / done);
            table.figure("client failure per run (mean ms)", failMs / done);
            table.print();
        }
        assertNoFindings();
    }
}
