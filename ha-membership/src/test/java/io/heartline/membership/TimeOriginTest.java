package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monotonic clock's origin is arbitrary: the decider must do the same things at the same
 * offsets whatever it is, also when an event falls on time 0. Not covered: origins that put the
 * failback's count below 0 (GroupView.readySince uses -1 for "nobody ready", so a negative time
 * reads as unset; with a start 3.2 s before time 0 the failback is 3 s late). System.nanoTime on
 * Linux counts from boot, so the daemon does not meet it; reported, not changed here.
 */
class TimeOriginTest {
    static final long MS = 1_000_000L;
    static final NodeId A = new NodeId("node-a");
    static final NodeId B = new NodeId("node-b");

    /** node-b, failback auto: node-a hands it the group, then stands ready; the group goes back after the delay. */
    static List<String> run(long origin) {
        Decider d = new Decider(new DeciderSettings(B, Map.of(A, 100, B, 50), List.of("web"), List.of("mc"), 200 * MS,
                1000 * MS, 500 * MS, 2000 * MS, true, 3000 * MS, 500 * MS, 30_000 * MS, false, 0, 1000 * MS, 30_000 * MS));
        ClusterState s = d.initial(Map.of(), origin);
        List<String> out = new ArrayList<>();
        long seq = 0;
        for (long t = 0; t <= 4000; t += 50) {
            List<Event> events = new ArrayList<>(List.of(new Event.Tick(origin + t * MS)));
            if (t % 200 == 0) {
                GroupAdvert a = new GroupAdvert("web", 1, "node-b", GroupState.STANDBY);
                events.add(new Event.PeerBeacon(origin + t * MS, "mc", A, 1, ++seq, List.of(a), List.of()));
            }
            for (Event e : events) {
                Decider.Result r = d.apply(s, e);
                s = r.state();
                for (Action a : r.actions()) {
                    out.add(t + " " + a.describe());
                    if (a instanceof Action.StartGroup st) {
                        s = d.apply(s, new Event.GroupStarted(origin + t * MS, st.group(), true, null)).state();
                    } else if (a instanceof Action.StopGroup st) {
                        s = d.apply(s, new Event.GroupStopped(origin + t * MS, st.group(), true, null)).state();
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theSameActionsAtTheSameOffsetsWhereverTimeStarts() {
        List<String> fromZero = run(0);
        assertTrue(fromZero.contains("200 start web epoch=1") && fromZero.contains("3200 stop web"), fromZero.toString());
        assertEquals(fromZero, run(-200 * MS), "the claim, and the failback's count, fall on time 0");
        assertEquals(fromZero, run(987_654_321_000L));
    }
}
