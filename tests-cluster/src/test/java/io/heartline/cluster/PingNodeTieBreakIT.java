package io.heartline.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ping nodes (issue 14, item 5): a 2-node pair, fencing off, {@code ping-nodes = [ GATEWAY ]}
 * where the gateway is a lab host on the LAN that only answers echo (its kernel). "Unreachable
 * from a node" is an nftables rule in that node's namespace dropping what the gateway sends; the
 * partition between the nodes is the same kind of rule (the client still reaches both).
 *
 * <ul>
 *   <li><b>The owner reaches the gateway, the other does not</b>: in a partition the owner keeps
 *       the group and the other never claims (it has no answer from any ping node).</li>
 *   <li><b>The other reaches the gateway, the owner loses it with the partition</b>: the owner lets
 *       go after deadtime without an answer; the other claims once the release window (2 x deadtime
 *       after the owner fell silent) is over: 0 samples with two running holders.</li>
 * </ul>
 */
class PingNodeTieBreakIT extends FaultTest {
    static final Duration PARTITION = Duration.ofSeconds(5);
    static final String GATEWAY = "gateway";

    private FaultCluster pinging() {
        Lab lab = lab(b -> b.nodes("node-a", "node-b").client("client").client("prober").client(GATEWAY));
        String ping = "  ping-nodes = [ " + lab.ip(GATEWAY) + " ]\n  ping-interval = 100ms";
        return new FaultCluster(lab, QUICK + "\n" + ping).startAll();
    }

    @Test
    void theSideThatReachesTheGatewayKeepsTheGroup() {
        FaultCluster c = pinging();
        FaultTable table = new FaultTable("PingNodeTieBreakIT", "partition for " + PARTITION.toSeconds()
                + " s, only the owner reaches the ping node; 2 nodes, fencing off");
        table.note("Target: the owner keeps the group, the other never claims; 0 samples with two holders; one owner after"
                + " the heal.");
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "owner reaches the gateway #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String other = c.others(owner).get(0);
                long from = System.currentTimeMillis();
                c.nemesis().cut(other, GATEWAY);
                c.nemesis().isolate(List.of(owner), List.of(other));
                Nemesis.hold(PARTITION);
                long healed = System.currentTimeMillis();
                AuditReport during = c.auditor().report(label + " (during)", from, healed);
                Map<String, Object> otherPing = pingStatus(c, other);
                Map<String, Object> ownerPing = pingStatus(c, owner);
                c.nemesis().heal();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(20));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                table.add(r, String.format("%s owns and reaches the gateway, %s does not; moves %d, two holders %d ms during"
                        + " the partition; %s owns after the heal", owner, other, during.timeline().moves(),
                        during.twoHoldersMillis(), end));
                String evidence = "\n" + r.history() + c.evidence(from) + c.journal(from, Set.of("ping-lost", "ping-back"));
                check(r.twoHoldersMillis() == 0, label, r.twoHoldersMillis() + " ms with two holders" + evidence);
                check(during.timeline().moves() == 0 && during.holdersAtEnd().equals(Set.of(owner)), label,
                        "the group did not stay with " + owner + ": " + during.holdersAtEnd() + evidence);
                check(Boolean.TRUE.equals(ownerPing.get("reachable")) && Boolean.FALSE.equals(otherPing.get("reachable")), label,
                        "hactl status: " + owner + " " + ownerPing + ", " + other + " " + otherPing);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "after the heal: " + r.holdersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.print();
        }
        assertNoFindings();
    }

    @Test
    void theSideThatReachesTheGatewayGetsTheGroup() {
        FaultCluster c = pinging();
        FaultTable table = new FaultTable("PingNodeTieBreakIT", "partition for " + PARTITION.toSeconds()
                + " s, the owner loses the ping node with it; 2 nodes, fencing off, deadtime " + QUICK_DEADTIME.toMillis() + " ms");
        table.note("Target: the owner lets go, the other claims after the release window (" + QUICK_DEADTIME.multipliedBy(2)
                .toMillis() + " ms after the owner fell silent); 0 samples with two running holders; one owner after the heal.");
        long slowest = 0;
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "other reaches the gateway #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String other = c.others(owner).get(0);
                long from = System.currentTimeMillis();
                c.nemesis().isolate(List.of(owner), List.of(other));
                c.nemesis().cut(owner, GATEWAY);
                String claimant = c.auditor().settledAwayFrom(owner, Duration.ofSeconds(1), Duration.ofSeconds(20));
                long claimedAt = System.currentTimeMillis();
                Nemesis.hold(PARTITION.minusMillis(Math.min(PARTITION.toMillis(), claimedAt - from)));
                c.nemesis().heal();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(20));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                long released = r.timeline().segments().stream().filter(s -> !s.holders().contains(owner))
                        .mapToLong(HoldingTimeline.Segment::from).findFirst().orElse(-1);
                long claimed = claimant == null ? -1 : r.timeline().firstSoleHolding(claimant) - from;
                slowest = Math.max(slowest, claimed);
                table.add(r, String.format("%s cut from %s and the gateway; it let go %d ms after the cut, %s claimed %d ms"
                        + " after the cut; %s owns after the heal", owner, other, released < 0 ? -1 : released - from,
                        claimant, claimed, end));
                String evidence = "\n" + r.history() + c.evidence(from) + c.journal(from, Set.of("ping-lost", "ping-back"));
                check(r.twoRunningHoldersMillis() == 0, label, r.twoRunningHoldersMillis() + " ms with two running holders"
                        + evidence);
                check(other.equals(claimant), label, "the group did not go to " + other + " (" + claimant + ")" + evidence);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "after the heal: " + r.holdersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.figure("claim by the side with the gateway, slowest run (ms after the cut)", slowest);
            table.print();
        }
        assertNoFindings();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pingStatus(FaultCluster c, String node) {
        return (Map<String, Object>) c.pair.status(node).get("ping");
    }
}
