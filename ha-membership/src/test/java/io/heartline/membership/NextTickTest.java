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
}
