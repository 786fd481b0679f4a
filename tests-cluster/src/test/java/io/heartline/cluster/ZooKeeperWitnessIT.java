package io.heartline.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The witness on a real ZooKeeper server (issue 14, item 7): a 2-node pair, fencing off, with
 * {@code witness { }} pointing at a ZooKeeper server in an "arbiter" host both nodes reach over
 * the LAN (tickTime 200 ms). The nodes stop hearing each other with nftables in their namespaces;
 * the arbiter and the client still reach both. Each run starts once both nodes' witness sessions
 * are connected ({@code hactl status}).
 *
 * <ul>
 *   <li><b>Partition, both reach the witness</b>: the owner holds the group's lock, so it keeps
 *       the group and the other never claims: 0 samples with two holders, no move, one owner
 *       after the heal.</li>
 *   <li><b>The owner's node dies</b> (its daemon frozen: no beacon, no ZooKeeper heartbeat, its
 *       kernel still answers): the other may claim only once the ensemble has expired the
 *       owner's session: the witness grants a lock it created anew, at least two thirds of
 *       {@code session-timeout} after the freeze (the ZooKeeper client pings every third of it, so
 *       the ensemble last heard the owner at most that long before), and no two holders run while
 *       it is frozen. The frozen owner, woken, lets go within
 *       deadtime (its VIP meanwhile is a stale holder, as in {@link PauseFaultIT}).</li>
 *   <li><b>The witness down during a partition</b>: nobody may claim without it, so the other
 *       never does: 0 samples with two holders. What the owner does is the documented policy
 *       (without peers and without witness it may demote itself): shown in the table.</li>
 *   <li><b>An even split of four nodes</b> (EVEN_SPLIT_WITNESSED): the owner and one peer against
 *       the other two. Two of four is no majority; the witness breaks the tie: the owner's half
 *       keeps the group (it holds the lock), the other half is denied. Then the owner's half is cut
 *       from the witness too: it counts its session lost before the ensemble expires it and lets
 *       go, and the other half claims with a lock created anew: 0 samples with two holders.
 *       {@link #SPLIT_RUNS} runs (half the scenario's runs: four daemons are the slowest set-up).</li>
 * </ul>
 */
class ZooKeeperWitnessIT extends FaultTest {
    /**
     * The default session. With 1 s, a stall of the loaded 2-core machine (the daemons saw their loops stall
     * for 940 ms) let the server expire both sessions at once; the owner then lost its witness.
     */
    static final Duration SESSION = Duration.ofSeconds(2);
    static final Duration CONNECT = Duration.ofSeconds(1);
    static final Duration PARTITION = Duration.ofSeconds(5);
    static final Duration FROZEN = Duration.ofSeconds(6);
    /** A woken owner that lost its group has removed its VIP within this long after SIGCONT (as in PauseFaultIT). */
    static final Duration RELEASE_BOUND = QUICK_DEADTIME;

    /** A pair, a client, a prober and the arbiter with ZooKeeper; the daemons witnessed by it. */
    private record Witnessed(FaultCluster cluster, ZooKeeperServer zk) {
    }

    private Witnessed witnessed() {
        return witnessed("node-a", "node-b");
    }

    private Witnessed witnessed(String... nodes) {
        Lab lab = lab(b -> b.nodes(nodes).client("client").client("prober").client("arbiter"));
        ZooKeeperServer zk = ZooKeeperServer.start(lab, "arbiter");
        FaultCluster c = new FaultCluster(lab, QUICK + "\n" + zk.witnessConfig(SESSION, CONNECT)).startAll();
        return new Witnessed(c, zk);
    }

    @Test
    void aPartitionLeavesTheGroupWithTheLockHolder() {
        Witnessed w = witnessed();
        FaultCluster c = w.cluster();
        FaultTable table = new FaultTable("ZooKeeperWitnessIT", "partition for " + PARTITION.toSeconds()
                + " s, both nodes reach the witness; 2 nodes, fencing off, session " + SESSION.toMillis() + " ms");
        table.note("The owner holds the group's lock at the witness: it keeps the group, the other never claims."
                + " Target: 0 samples with two holders, no move, one owner after the heal.");
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "partition with witness #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String other = c.others(owner).get(0);
                Map<String, Object> ws = awaitWitness(c, label);
                check(w.zk().connectString().equals(ws.get("zookeeper")), label, "hactl status shows the witness " + ws);
                long from = System.currentTimeMillis();
                c.nemesis().isolate(List.of(owner), List.of(other));
                Nemesis.hold(PARTITION);
                long healed = System.currentTimeMillis();
                AuditReport during = c.auditor().report(label + " (during)", from, healed);
                c.nemesis().heal();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(20));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                List<String> denied = verdicts(c, other, from, "denied");
                table.add(r, String.format("%s owns; during the partition: moves %d, two holders %d ms, %s denied %d time(s);"
                        + " %s owns after the heal", owner, during.timeline().moves(), during.twoHoldersMillis(), other,
                        denied.size(), end));
                String evidence = "\n" + r.history() + c.evidence(from) + witnessLines(c, from);
                check(r.twoHoldersMillis() == 0, label, r.twoHoldersMillis() + " ms with two holders" + evidence);
                check(during.timeline().moves() == 0 && during.holdersAtEnd().equals(java.util.Set.of(owner)), label,
                        "the group did not stay with " + owner + ": " + during.holdersAtEnd() + evidence);
                check(!denied.isEmpty(), label, other + " was never denied by the witness: did it ask?" + evidence);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "after the heal: " + r.holdersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.print();
        }
        assertNoFindings();
    }

    @Test
    void theOwnersNodeDiesAndThePeerClaimsOnceItsSessionExpired() {
        Witnessed w = witnessed();
        FaultCluster c = w.cluster();
        FaultTable table = new FaultTable("ZooKeeperWitnessIT", "the owner frozen for " + FROZEN.toSeconds()
                + " s (no beacon, no ZooKeeper heartbeat); 2 nodes, fencing off, deadtime " + QUICK_DEADTIME.toMillis()
                + " ms, session " + SESSION.toMillis() + " ms");
        table.note("The peer may claim only after the ensemble expired the owner's session. The frozen owner keeps its VIP"
                + " (a stale holder, as in PauseFaultIT). Target: a grant of a lock created anew, the claim at least "
                + SESSION.toMillis() * 2 / 3 + " ms (2/3 of the session) after the freeze; no two running holders while it"
                + " is frozen; woken, it lets go within " + RELEASE_BOUND.toMillis()
                + " ms; one owner at the end.");
        long earliest = Long.MAX_VALUE;
        long latest = 0;
        long worstRelease = 0;
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "owner dies #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String other = c.others(owner).get(0);
                awaitWitness(c, label);
                long from = c.nemesis().pause(owner);
                boolean claimed = c.auditor().awaitHolding(other, true, Duration.ofSeconds(15));
                long claimedAt = System.currentTimeMillis();
                Nemesis.hold(FROZEN.minusMillis(Math.min(FROZEN.toMillis(), claimedAt - from)));
                long woken = c.nemesis().resume(owner);
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(20));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                long takeover = r.timeline().segments().stream().filter(s -> s.holders().contains(other))
                        .mapToLong(HoldingTimeline.Segment::from).findFirst().orElse(-1);
                long afterFreeze = takeover < 0 ? -1 : takeover - from;
                long release = r.twoHolders().stream().mapToLong(i -> Math.max(0, i.to() - woken)).max().orElse(0);
                worstRelease = Math.max(worstRelease, release);
                if (afterFreeze >= 0) {
                    earliest = Math.min(earliest, afterFreeze);
                    latest = Math.max(latest, afterFreeze);
                }
                table.add(r, String.format("%s frozen; %s claimed %d ms after the freeze; the woken owner held %d ms after"
                        + " SIGCONT; %s owns at the end", owner, other, afterFreeze, release, end));
                String evidence = "\n" + r.history() + c.evidence(from) + witnessLines(c, from);
                check(claimed && takeover >= 0, label, other + " never took the group" + evidence);
                List<String> grants = verdicts(c, other, from, "granted");
                check(!grants.isEmpty() && grants.stream().allMatch(g -> g.contains("(lock created)")), label,
                        "the witness did not grant " + other + " a lock created anew after the owner's session expired: "
                        + grants + evidence);
                check(takeover < 0 || afterFreeze >= SESSION.toMillis() * 2 / 3, label, other + " claimed " + afterFreeze
                        + " ms after the freeze, before the owner's " + SESSION.toMillis() + " ms session could expire" + evidence);
                check(r.twoRunningHolders().stream().allMatch(i -> i.from() >= woken), label,
                        "two running holders while the owner was frozen " + r.twoRunningHolders() + evidence);
                check(release <= RELEASE_BOUND.toMillis(), label, "the woken owner held the VIP " + release
                        + " ms after SIGCONT" + evidence);
                check(other.equals(end), label, "at the end: " + r.holdersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.figure("claim after the freeze, fastest run (ms)", earliest == Long.MAX_VALUE ? -1 : earliest);
            table.figure("claim after the freeze, slowest run (ms)", latest);
            table.figure("longest hold by the woken owner after SIGCONT (ms)", worstRelease);
            table.print();
        }
        assertNoFindings();
    }

    @Test
    void withTheWitnessDownDuringAPartitionNobodyClaims() {
        Witnessed w = witnessed();
        FaultCluster c = w.cluster();
        FaultTable table = new FaultTable("ZooKeeperWitnessIT", "the witness killed, then a partition for "
                + PARTITION.toSeconds() + " s; 2 nodes, fencing off");
        table.note("Without the witness nobody may claim. Target: the other never claims, 0 samples with two holders;"
                + " the owner follows the documented policy (shown); one owner once the witness is back and the partition healed.");
        int kept = 0;
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "witness down #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String other = c.others(owner).get(0);
                awaitWitness(c, label);
                long from = System.currentTimeMillis();
                w.zk().kill();
                Nemesis.hold(SESSION); // both sessions are lost well before the partition
                c.nemesis().isolate(List.of(owner), List.of(other));
                long cut = System.currentTimeMillis();
                Nemesis.hold(PARTITION);
                long healed = System.currentTimeMillis();
                AuditReport during = c.auditor().report(label + " (during)", cut, healed);
                w.zk().start();
                c.nemesis().heal();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(30));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                boolean ownerKept = during.holdersAtEnd().equals(java.util.Set.of(owner)) && during.timeline().moves() == 0;
                kept += ownerKept ? 1 : 0;
                table.add(r, String.format("%s owns; witness down, then the partition: %s, %s holds nothing, two holders %d ms;"
                        + " %s owns once the witness is back and the partition healed", owner,
                        ownerKept ? owner + " kept the group" : owner + " let go (holders at the end: " + during.holdersAtEnd() + ")",
                        other, during.twoHoldersMillis(), end));
                String evidence = "\n" + r.history() + c.evidence(from) + witnessLines(c, from);
                check(r.twoHoldersMillis() == 0, label, r.twoHoldersMillis() + " ms with two holders" + evidence);
                check(during.timeline().segments().stream().noneMatch(s -> s.holders().contains(other)), label,
                        other + " claimed without the witness" + evidence);
                check(!r.endsWithTwo() && end != null, label, "at the end: " + r.holdersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.figure("runs in which the owner kept the group through the partition", kept);
            table.print();
        }
        assertNoFindings();
    }

    /** Runs of the four-node split: a quarter of {@link #runs()}, at least 1 (1 in CI, 5 with 20 runs). */
    static int splitRuns() {
        return Math.max(1, runs() / 4);
    }

    @Test
    void anEvenSplitOfFourNodesIsSettledByTheWitness() {
        Witnessed w = witnessed("node-a", "node-b", "node-c", "node-d");
        FaultCluster c = w.cluster();
        FaultTable table = new FaultTable("ZooKeeperWitnessIT", "4 nodes split 2 | 2 for " + PARTITION.toSeconds()
                + " s, then the owner's half cut from the witness too; fencing off, session " + SESSION.toMillis() + " ms");
        table.note("Two of four is no majority: the witness breaks the tie. Target: the owner's half keeps the group while"
                + " it holds the lock (no move, the other half denied); cut from the witness, it lets go and the other half"
                + " claims with a lock created anew; 0 samples with two holders; one owner after the heal.");
        long slowestClaim = 0;
        try {
            for (int run = 1; run <= splitRuns(); run++) {
                String label = "even split #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                List<String> ownersHalf = List.of(owner, c.others(owner).get(0));
                List<String> otherHalf = c.nodes().stream().filter(n -> !ownersHalf.contains(n)).toList();
                awaitWitness(c, label);
                long from = System.currentTimeMillis();
                c.nemesis().isolate(ownersHalf, otherHalf);
                Nemesis.hold(PARTITION);
                long cutFromWitness = System.currentTimeMillis();
                AuditReport split = c.auditor().report(label + " (split)", from, cutFromWitness);
                List<String> denied = otherHalf.stream().flatMap(n -> verdicts(c, n, from, "denied").stream()).toList();
                c.nemesis().isolate(ownersHalf, List.of("arbiter"));
                String claimant = c.auditor().settledAwayFrom(owner, Duration.ofSeconds(1), Duration.ofSeconds(20));
                long claimedBy = System.currentTimeMillis();
                c.nemesis().heal();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(30));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                AuditReport cut = c.auditor().report(label + " (no witness)", cutFromWitness, claimedBy);
                long released = cut.timeline().segments().stream().filter(s -> !s.holders().contains(owner))
                        .mapToLong(HoldingTimeline.Segment::from).findFirst().orElse(-1);
                long claimed = claimant == null ? -1 : cut.timeline().firstSoleHolding(claimant);
                slowestClaim = Math.max(slowestClaim, claimed < 0 ? 0 : claimed - cutFromWitness);
                table.add(r, String.format("%s owns, %s with it; split: moves %d, two holders %d ms, the other half denied %d"
                        + " time(s); cut from the witness: %s let go %d ms and %s claimed %d ms after the cut; %s owns after the"
                        + " heal", owner, ownersHalf.get(1), split.timeline().moves(), split.twoHoldersMillis(), denied.size(),
                        owner, released < 0 ? -1 : released - cutFromWitness, claimant, claimed < 0 ? -1 : claimed - cutFromWitness,
                        end));
                String evidence = "\n" + r.history() + c.evidence(from) + witnessLines(c, from);
                check(r.twoHoldersMillis() == 0, label, r.twoHoldersMillis() + " ms with two holders" + evidence);
                check(split.timeline().moves() == 0 && split.holdersAtEnd().equals(java.util.Set.of(owner)), label,
                        "the owner's half did not keep the group through the split: " + split.holdersAtEnd() + evidence);
                check(!denied.isEmpty(), label, "the other half was never denied by the witness: did it ask?" + evidence);
                check(otherHalf.contains(claimant), label, "the other half did not take the group once the owner's half lost"
                        + " the witness (" + claimant + " holds it)" + evidence);
                List<String> grants = verdicts(c, String.valueOf(claimant), cutFromWitness, "granted");
                check(!grants.isEmpty() && grants.stream().allMatch(g -> g.contains("(lock created)")), label,
                        "the claimant's grant was not a lock created anew: " + grants + evidence);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "after the heal: " + r.holdersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.figure("slowest claim by the other half after the cut from the witness (ms)", slowestClaim);
            table.print();
        }
        assertNoFindings();
    }

    /** The witness's verdicts given to {@code node} since {@code sinceMillis} that are {@code verdict}. */
    private static List<String> verdicts(FaultCluster c, String node, long sinceMillis, String verdict) {
        return c.journalOf(node).stream().filter(e -> "witness-answer".equals(e.get("kind")))
                .filter(e -> java.time.Instant.parse(String.valueOf(e.get("time"))).toEpochMilli() >= sinceMillis)
                .filter(e -> verdict.equals(e.get("verdict")))
                .map(e -> String.valueOf(e.get("cause"))).toList();
    }

    private static String witnessLines(FaultCluster c, long sinceMillis) {
        return c.journal(sinceMillis, java.util.Set.of("witness-answer", "witness-lost"));
    }

    /**
     * Waits (bounded) until every node's witness session is connected, as {@code hactl status} shows it;
     * a finding if one is not. Returns the first node's witness status.
     */
    private Map<String, Object> awaitWitness(FaultCluster c, String label) {
        try {
            org.awaitility.Awaitility.await("every witness session connected").atMost(io.heartline.testkit.Timing.scaled(
                    Duration.ofSeconds(20))).pollInterval(Duration.ofMillis(100))
                    .until(() -> c.nodes().stream().allMatch(n -> "connected".equals(witnessStatus(c, n).get("state"))));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            check(false, label, "a witness session is not connected: " + c.nodes().stream()
                    .map(n -> n + " " + witnessStatus(c, n)).toList());
        }
        return witnessStatus(c, c.nodes().get(0));
    }

    static Map<String, Object> witnessStatus(FaultCluster c, String node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> w = (Map<String, Object>) c.pair.status(node).get("witness");
        return w;
    }
}
