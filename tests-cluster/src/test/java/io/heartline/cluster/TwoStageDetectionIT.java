package io.heartline.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two-stage detector (docs/detection.md) on a 2-node pair of real daemons, fencing off, with
 * the fast timing of issue 15: beacons every 10 ms, a peer silent for 30 ms is suspect and probed
 * (ARP on eth0, UDP to its probe port) within 5 ms, dead at once when the probe shows it gone, and
 * at the 300 ms deadtime otherwise.
 *
 * <ul>
 *   <li><b>node death</b>: the owner's cable pulled, then its daemon killed: its kernel stops answering
 *       ARP, so the peer takes over well under deadtime ({@code peer-dead} stage {@code no-kernel-answer});</li>
 *   <li><b>daemon crash</b>: kill -9 of the owner's daemon, cable in: its kernel answers but its probe
 *       port is closed, so the peer takes over well under deadtime (stage {@code port-closed});</li>
 *   <li><b>pause</b>: the owner's daemon stopped (SIGSTOP) for 3 x suspect-after, under deadtime: its
 *       kernel answers and its port is open, so it is slow, not dead: no takeover, and the peer
 *       journals {@code peer-slow};</li>
 *   <li><b>heartbeat port blocked</b>: the peer's firewall drops the owner's beacons (UDP 7640) while
 *       ARP and the probe port still work: slow, so the takeover comes at deadtime, not before.</li>
 * </ul>
 * Every run asserts safety at its end: one running holder of the VIP, never two. Times are counted
 * from the last beacon the peer heard ({@link Run}): to its {@code peer-dead} line (detection) and
 * to the VIP on the peer (takeover).
 */
class TwoStageDetectionIT extends FaultTest {
    static final String TIMING = "  timing { interval = 10ms, suspect-after = 30ms, confirm-timeout = 5ms, deadtime = 300ms,"
            + " warntime = 100ms, initdead = 10s, realtime-priority = 20 }";
    static final Duration DEADTIME = Duration.ofMillis(300);
    static final Duration SUSPECT_AFTER = Duration.ofMillis(30);
    /** "Well under deadtime": an early death is confirmed within suspect-after + confirm-timeout, plus the claim. */
    static final Duration EARLY = DEADTIME.dividedBy(2);
    static final int HEARTBEAT_PORT = 7640;

    /**
     * One run's figures. The fault's own commands take tens of ms to bite (ip netns exec, nft), so the
     * times that matter are counted from the last beacon the peer heard: its peer-dead line's time
     * minus the silence it states ({@code silentMs}, the detection) and the VIP on the peer
     * ({@code takeoverMs}); {@code sinceFaultMs} is from the start of the fault's commands.
     */
    record Run(String owner, long silentMs, String stage, long takeoverMs, long sinceFaultMs, long clientFailedMs,
               String cause) {
        @Override
        public String toString() {
            return String.format("%s's fault: peer-dead after %d ms of silence (stage %s), VIP on the peer %d ms after the"
                    + " last beacon (%d ms after the fault's first command), client failed %d ms; %s", owner, silentMs,
                    stage, takeoverMs, sinceFaultMs, clientFailedMs, cause);
        }
    }

    @Test
    void nodeDeathIsConfirmedByTheSilenceOfItsKernelWellUnderDeadtime() {
        // frozen first: a live daemon whose cable goes would see its own link drop and hand over (not a death)
        earlyDeath("node death: the owner's daemon frozen, its cable pulled, then the daemon killed", "no-kernel-answer",
                (c, owner) -> c.nemesis().nodeDies(owner, "eth0"), (c, owner) -> c.lab.linkUp(owner, "eth0"));
    }

    @Test
    void aCrashedDaemonIsConfirmedByItsClosedProbePortWellUnderDeadtime() {
        earlyDeath("daemon crash: kill -9 of the owner's daemon, cable in", "port-closed",
                (c, owner) -> c.nemesis().kill9(owner), (c, owner) -> { });
    }

    @Test
    void anOwnerPausedForThreeSuspectAftersIsSlowNotDeadNoTakeover() {
        FaultCluster c = cluster(2, TIMING).startAll();
        Duration pause = SUSPECT_AFTER.multipliedBy(3);
        FaultTable table = new FaultTable("TwoStageDetectionIT", "pause: SIGSTOP of the owner's daemon for " + pause.toMillis()
                + " ms (3 x suspect-after, deadtime " + DEADTIME.toMillis() + " ms), 2 nodes, fencing off");
        List<Long> slowFor = new ArrayList<>();
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "pause #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String peer = c.others(owner).get(0);
                long from = System.currentTimeMillis();
                c.nemesis().pause(owner);
                Nemesis.hold(pause);
                c.nemesis().resume(owner);
                Map<String, Object> slow = awaitRecord(c, peer, "peer-slow", from, Duration.ofSeconds(5));
                String end = c.auditor().settledOrNull(Duration.ofSeconds(1), Duration.ofSeconds(30));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                List<Map<String, Object>> deaths = records(c, peer, "peer-dead", from);
                long silent = slow == null ? -1 : ((Number) slow.get("silent_ms")).longValue();
                if (silent >= 0) {
                    slowFor.add(silent);
                }
                table.add(r, String.format("%s paused %d ms; %s journaled %s; peer-dead lines %d; %s owns at the end", owner,
                        pause.toMillis(), peer, slow == null ? "no peer-slow" : "peer-slow: " + slow.get("cause"),
                        deaths.size(), end));
                String evidence = "\n" + r.history() + c.evidence(from) + c.journal(from, java.util.Set.of("peer-suspect",
                        "peer-slow"));
                check(slow != null, label, peer + " journaled no peer-slow" + evidence);
                check(deaths.isEmpty(), label, peer + " declared " + owner + " dead: " + deaths + evidence);
                check(owner.equals(end) && r.timeline().moves() == 0, label, "the group moved (end " + end + ")" + evidence);
                check(r.twoHolders().isEmpty(), label, "two holders " + r.twoHolders() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            if (!slowFor.isEmpty()) {
                table.figure("peer slow for (ms), median / max", Stats.median(slowFor, v -> v) + " / " + Stats.max(slowFor, v -> v));
            }
            table.print();
        }
        assertNoFindings();
    }

    @Test
    void withTheHeartbeatPortBlockedButTheKernelAnsweringTheTakeoverComesAtDeadtimeNotBefore() {
        FaultCluster c = cluster(2, TIMING).startAll();
        FaultTable table = new FaultTable("TwoStageDetectionIT", "heartbeat port blocked: the peer's nftables drop the owner's"
                + " UDP " + HEARTBEAT_PORT + " (ARP and the probe port pass), deadtime " + DEADTIME.toMillis() + " ms, 2 nodes,"
                + " fencing off");
        table.note("A one-way cut: the owner still hears the peer, sees its newer claim and releases. The rule is removed"
                + " after the takeover; the run ends once one node alone holds the VIP.");
        List<Run> runs = new ArrayList<>();
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = "port blocked #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String peer = c.others(owner).get(0);
                long from = System.currentTimeMillis();
                c.nemesis().blockUdp(peer, owner, HEARTBEAT_PORT);
                boolean took = c.auditor().awaitHolding(peer, true, Duration.ofSeconds(10));
                Map<String, Object> dead = awaitRecord(c, peer, "peer-dead", from, Duration.ofSeconds(5));
                c.nemesis().heal();
                String end = c.auditor().settledOrNull(Duration.ofSeconds(1), Duration.ofSeconds(30));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                Run figures = figures(r, owner, peer, from, dead);
                runs.add(figures);
                table.add(r, figures + "; " + peer + " suspect/slow lines " + records(c, peer, "peer-suspect", from).size()
                        + "; " + end + " owns at the end");
                String evidence = "\n" + r.history() + c.evidence(from);
                check(took, label, peer + " never took the VIP" + evidence);
                check("deadtime".equals(figures.stage()), label, "peer-dead stage " + figures.stage()
                        + ", not deadtime: a probe convicted a live owner" + evidence);
                check(figures.silentMs() >= DEADTIME.toMillis(), label, "declared dead after " + figures.silentMs()
                        + " ms of silence, before deadtime" + evidence);
                check(figures.takeoverMs() >= DEADTIME.toMillis(), label, "took the VIP " + figures.takeoverMs()
                        + " ms after the last beacon, before deadtime" + evidence);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "running holders at the end: "
                        + r.timeline().runningHoldersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            summarize(table, runs);
            table.print();
        }
        assertNoFindings();
    }

    /** What a fault does to the owner, and how the lab is put back before its daemon restarts. */
    interface Fault {
        void on(FaultCluster c, String owner);
    }

    void earlyDeath(String scenario, String stage, Fault fault, Fault repair) {
        FaultCluster c = cluster(2, TIMING).startAll();
        FaultTable table = new FaultTable("TwoStageDetectionIT", scenario + ", deadtime " + DEADTIME.toMillis()
                + " ms, 2 nodes, fencing off");
        table.note("A killed daemon keeps its VIP (a stale holder, counted apart); between runs the test removes it and"
                + " restarts the daemon, which comes back standby.");
        List<Run> runs = new ArrayList<>();
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = stage + " #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String peer = c.others(owner).get(0);
                long from = System.currentTimeMillis();
                fault.on(c, owner);
                boolean took = c.auditor().awaitHolding(peer, true, Duration.ofSeconds(10));
                Map<String, Object> dead = awaitRecord(c, peer, "peer-dead", from, Duration.ofSeconds(5));
                boolean served = KillDuringHandoffFaultIT.awaitRunningOwner(c, peer);
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                Run figures = figures(r, owner, peer, from, dead);
                runs.add(figures);
                table.add(r, figures.toString());
                String evidence = "\n" + r.history() + c.evidence(from);
                check(took && served, label, peer + " does not serve as the only running owner" + evidence);
                check(stage.equals(figures.stage()), label, "peer-dead stage " + figures.stage() + ", not " + stage + evidence);
                check(figures.takeoverMs() >= 0 && figures.takeoverMs() < EARLY.toMillis(), label, "took the VIP "
                        + figures.takeoverMs() + " ms after the last beacon (bound " + EARLY.toMillis() + " ms)" + evidence);
                check(r.twoRunningHolders().isEmpty(), label, "two running holders " + r.twoRunningHolders() + evidence);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "running holders at the end: "
                        + r.timeline().runningHoldersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
                repair.on(c, owner);
                KillDuringHandoffFaultIT.restore(c, owner);
                c.pair.awaitActive(peer, Duration.ofSeconds(5));
                org.awaitility.Awaitility.await("the restarted " + owner + " standing by")
                        .atMost(io.heartline.testkit.Timing.scaled(Duration.ofSeconds(30)))
                        .until(() -> "STANDBY".equals(c.pair.state(owner)));
            }
        } finally {
            summarize(table, runs);
            table.print();
        }
        assertNoFindings();
    }

    /** The run's times: the peer's peer-dead line and its first hold of the VIP after the fault began at {@code from}. */
    static Run figures(AuditReport r, String owner, String peer, long from, Map<String, Object> dead) {
        long takeover = r.timeline().segments().stream().filter(s -> s.holders().contains(peer) && s.from() >= from)
                .mapToLong(HoldingTimeline.Segment::from).findFirst().orElse(-1);
        if (dead == null || takeover < 0) {
            return new Run(owner, -1, dead == null ? "none" : String.valueOf(dead.get("stage")), -1,
                    takeover < 0 ? -1 : takeover - from, r.client().failedMillis(), "no peer-dead line or no takeover");
        }
        long silent = ((Number) dead.get("silent_ms")).longValue();
        long lastBeacon = Instant.parse(dead.get("time").toString()).toEpochMilli() - silent;
        return new Run(owner, silent, String.valueOf(dead.get("stage")), takeover - lastBeacon, takeover - from,
                r.client().failedMillis(), String.valueOf(dead.get("cause")));
    }

    static void summarize(FaultTable table, List<Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        table.figure("peer-dead after the last beacon (ms), median / max", Stats.median(runs, Run::silentMs) + " / "
                + Stats.max(runs, Run::silentMs));
        table.figure("VIP on the peer after the last beacon (ms), median / max", Stats.median(runs, Run::takeoverMs) + " / "
                + Stats.max(runs, Run::takeoverMs));
        table.figure("VIP on the peer after the fault's first command (ms), median / max", Stats.median(runs,
                Run::sinceFaultMs) + " / " + Stats.max(runs, Run::sinceFaultMs));
        table.figure("client failed (ms), median / max", Stats.median(runs, Run::clientFailedMs) + " / "
                + Stats.max(runs, Run::clientFailedMs));
        table.figure("stages", runs.stream().map(Run::stage).toList());
    }

    /** {@code node}'s journal lines of {@code kind} at or after {@code sinceMillis}. */
    static List<Map<String, Object>> records(FaultCluster c, String node, String kind, long sinceMillis) {
        return c.journalOf(node).stream().filter(e -> kind.equals(e.get("kind")) && e.get("time") != null
                && Instant.parse(e.get("time").toString()).toEpochMilli() >= sinceMillis).toList();
    }

    /** Waits (scaled) for the first such line; null if none comes within {@code bound}. */
    static Map<String, Object> awaitRecord(FaultCluster c, String node, String kind, long sinceMillis, Duration bound) {
        try {
            return org.awaitility.Awaitility.await(node + " journaling " + kind).atMost(io.heartline.testkit.Timing.scaled(bound))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> records(c, node, kind, sinceMillis).stream().findFirst().orElse(null), e -> e != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return null;
        }
    }
}
