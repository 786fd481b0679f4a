package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loop sleeps until {@link Decider#nextTick}: the earliest liveness deadline, or the coarse period. */
class NextTickTest {
    static final long MS = 1_000_000L;
    static final NodeId A = new NodeId("node-a");
    static final NodeId B = new NodeId("node-b");
    // interval 20 ms, deadtime 60 ms, warntime 40 ms, pause = deadtime / 2
    final Decider decider = new Decider(new DeciderSettings(B, Map.of(A, 100, B, 50), List.of("web"), List.of("mc", "serial"),
            20 * MS, 60 * MS, 40 * MS, 2_000 * MS, false, 0, 30 * MS, 30_000 * MS, false, 0, 1_000 * MS, 30_000 * MS));

    ClusterState apply(ClusterState s, Event e) {
        return decider.apply(s, e).state();
    }

    Event.PeerBeacon beacon(long at, String medium) {
        return new Event.PeerBeacon(at, medium, A, 1, at, List.of(), List.of());
    }

    @Test
    void theFirstTickIsAtOnceThenEveryCoarsePeriodWithoutPeers() {
        ClusterState s = decider.initial(Map.of(), 1_000 * MS);
        assertEquals(1_000 * MS, decider.nextTick(s));
        s = apply(s, new Event.Tick(1_000 * MS));
        assertEquals(1_000 * MS + Decider.COARSE_TICK_NANOS, decider.nextTick(s));
    }

    @Test
    void aLivePeerBringsTheTickForwardToItsWarnThenDeadDeadline() {
        ClusterState s = apply(decider.initial(Map.of(), 0), new Event.Tick(0));
        s = apply(s, beacon(10 * MS, "mc"));
        s = apply(s, beacon(12 * MS, "serial"));
        assertEquals(50 * MS, decider.nextTick(s), "the coarse period comes first");
        s = apply(s, new Event.Tick(50 * MS));
        assertEquals(52 * MS, decider.nextTick(s), "warntime after the last beacon on any medium");
        s = apply(s, new Event.Tick(52 * MS));
        assertEquals(70 * MS, decider.nextTick(s), "late already: the next deadline is its death on mc");
        s = apply(s, beacon(60 * MS, "mc"));
        assertEquals(72 * MS, decider.nextTick(s), "serial silent since 12 ms: its link-down deadline");
    }

    @Test
    void aTickFarLaterThanItWasDueIsAPauseNotADeadPeer() {
        ClusterState s = apply(decider.initial(Map.of(), 0), new Event.Tick(0));
        s = apply(s, beacon(10 * MS, "mc"));
        s = apply(s, beacon(10 * MS, "serial"));
        long due = decider.nextTick(s);
        Decider.Result r = decider.apply(s, new Event.Tick(due + 500 * MS, due));
        assertTrue(r.actions().stream().anyMatch(a -> a.describe().startsWith("record pause-detected")), r.actions().toString());
        assertTrue(r.actions().stream().noneMatch(a -> a.describe().startsWith("record peer-dead")), r.actions().toString());
        assertTrue(r.state().peers().get(A).alive());
    }

    // three nodes, fencing off, one medium: the end of the release window is a deadline too
    static final NodeId C = new NodeId("node-c");
    final Decider three = new Decider(new DeciderSettings(A, Map.of(A, 100, B, 50, C, 10), List.of("web"), List.of("mc"),
            200 * MS, 1000 * MS, 500 * MS, 2_000 * MS, false, 0, 500 * MS, 30_000 * MS, false, 0, 1_000 * MS, 30_000 * MS));

    ClusterState three(ClusterState s, Event e) {
        return three.apply(s, e).state();
    }

    @Test
    void threeNodesTickAtTheEndOfTheReleaseWindowOfAPeerNeverHeard() {
        ClusterState s = three(three.initial(Map.of(), 0), new Event.Tick(1_980 * MS));
        assertEquals(2_000 * MS, three.nextTick(s), "twice the deadtime after the start: a silent peer's window ends");
        s = three(s, new Event.Tick(2_000 * MS));
        assertEquals(2_050 * MS, three.nextTick(s), "a window that has ended is no deadline");
    }

    @Test
    void threeNodesTickAtTheEndOfTheWindowAfterTheLastBeaconThatListedASilentPeer() {
        ClusterState s = three.initial(Map.of(), 0);
        for (long seq = 1; seq <= 2; seq++) {
            s = three(s, new Event.PeerBeacon(seq * 100 * MS, "mc", B, 1, seq, List.of(), List.of(), java.util.Set.of(A, C)));
            s = three(s, new Event.PeerBeacon(seq * 100 * MS, "mc", C, 1, seq, List.of(), List.of(), java.util.Set.of(A, B)));
        }
        for (long t = 300; t <= 2_700; t += 200) { // node-c falls silent; node-b hears it until 1,000
            s = three(s, new Event.PeerBeacon(t * MS, "mc", B, 1, t, List.of(), List.of(),
                    t <= 1_000 ? java.util.Set.of(A, C) : java.util.Set.of(A)));
            s = three(s, new Event.Tick(t * MS + MS));
        }
        assertTrue(!s.peers().get(C).alive() && s.quorate());
        assertEquals(900 * MS, s.peers().get(C).vouchedAt());
        s = three(s, new Event.Tick(2_880 * MS));
        assertEquals(2_900 * MS, three.nextTick(s), "node-b listed node-c last at 900: its window ends at 2,900, not 2,200");
    }

    @Test
    void threeNodesTickAtTheEndOfTheWindowAfterQuorumCameBack() {
        ClusterState s = three.initial(Map.of(), 0);
        for (long seq = 1; seq <= 2; seq++) { // INIT ends once every peer has been heard twice
            s = three(s, new Event.PeerBeacon(seq * 100 * MS, "mc", B, 1, seq, List.of(), List.of()));
            s = three(s, new Event.PeerBeacon(seq * 100 * MS, "mc", C, 1, seq, List.of(), List.of()));
        }
        s = three(s, new Event.Tick(1_200 * MS));
        assertTrue(!s.peers().get(B).alive() && !s.peers().get(C).alive() && !s.quorate(), "quorum lost");
        s = three(s, new Event.PeerBeacon(1_500 * MS, "mc", B, 1, 3, List.of(), List.of()));
        assertTrue(s.quorate());
        assertEquals(1_500 * MS, s.quorumSince());
        for (long t = 1_700; t <= 3_300; t += 200) {
            s = three(s, new Event.PeerBeacon(t * MS, "mc", B, 1, t, List.of(), List.of()));
        }
        s = three(s, new Event.Tick(3_480 * MS));
        assertEquals(3_500 * MS, three.nextTick(s), "quorum back at 1,500: the window ends at 3,500");
        s = three(s, new Event.Tick(3_500 * MS));
        assertEquals(3_550 * MS, three.nextTick(s));
    }

    @Test
    void withFencingThereIsNoWindowDeadline() {
        Decider fenced = new Decider(new DeciderSettings(A, Map.of(A, 100, B, 50, C, 10), List.of("web"), List.of("mc"),
                200 * MS, 1000 * MS, 500 * MS, 2_000 * MS, false, 0, 500 * MS, 30_000 * MS, true, 0, 1_000 * MS, 30_000 * MS));
        ClusterState s = fenced.apply(fenced.initial(Map.of(), 0), new Event.Tick(1_980 * MS)).state();
        assertEquals(2_030 * MS, fenced.nextTick(s));
    }

    @Test
    void twoNodesHaveNoReleaseWindowDeadline() {
        ClusterState s = apply(decider.initial(Map.of(), 0), new Event.Tick(100 * MS));
        assertEquals(150 * MS, decider.nextTick(s), "a silent peer's window (2 x 60 ms) is no deadline in two nodes");
    }

    @Test
    void aNodeBackFromIsolationTicksWhenItsRejoinWindowEnds() {
        ClusterState s = apply(decider.initial(Map.of(), 0), new Event.Tick(0));
        s = apply(s, new Event.MediumHealth(10 * MS, "mc", false, "no carrier"));
        s = apply(s, new Event.MediumHealth(10 * MS, "serial", false, "EIO"));
        s = apply(s, new Event.MediumHealth(20 * MS, "mc", true, "carrier"));
        assertEquals(20 * MS, s.rejoinedAt());
        s = apply(s, new Event.Tick(2_000 * MS));
        assertEquals(2_020 * MS, decider.nextTick(s),
                "rejoined at 20 ms: it may claim again once it has listened as at a start (initdead, 2 s)");
        s = apply(s, new Event.Tick(2_020 * MS));
        assertEquals(2_070 * MS, decider.nextTick(s));
    }

    @Test
    void aClaimThatCouldNotWriteItsEpochTicksWhenItMayBeRetried() {
        ClusterState s = apply(decider.initial(Map.of(), 0), new Event.Tick(0));
        Decider.Result r = decider.apply(s, new Event.Tick(2_000 * MS));
        assertTrue(r.actions().stream().anyMatch(a -> a.describe().equals("start web epoch=1")), r.actions().toString());
        s = apply(r.state(), new Event.GroupStarted(2_010 * MS, "web", false, "persist failed", true));
        assertEquals(3_010 * MS, s.claimHoldUntil(), "retried a second later (deadtime is shorter)");
        s = apply(s, new Event.GroupStopped(2_020 * MS, "web", true, null));
        s = apply(s, new Event.Tick(2_990 * MS));
        assertEquals(3_010 * MS, decider.nextTick(s));
    }
}
