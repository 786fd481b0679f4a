package io.heartline.heartbeat;

import static io.heartline.heartbeat.ReplayWindow.Verdict.ACCEPTED;
import static io.heartline.heartbeat.ReplayWindow.Verdict.DUPLICATE;
import static io.heartline.heartbeat.ReplayWindow.Verdict.OLD_INCARNATION;
import static io.heartline.heartbeat.ReplayWindow.Verdict.TOO_OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.NodeId;
import io.heartline.heartbeat.ReplayWindow.Verdict;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void acceptsEachSequenceNumberOnce() {
        assertEquals(ACCEPTED, window.check(A, 1, 10));
        assertEquals(DUPLICATE, window.check(A, 1, 10));
        assertEquals(ACCEPTED, window.check(A, 1, 11));
        assertEquals(DUPLICATE, window.check(A, 1, 11));
        assertEquals(DUPLICATE, window.check(A, 1, 10));
        assertEquals(11, window.highest(A));
    }

    @Test
    void acceptsLateBeaconsInsideTheWindowOnce() {
        assertEquals(ACCEPTED, window.check(A, 1, 100));
        assertEquals(ACCEPTED, window.check(A, 1, 99));
        assertEquals(ACCEPTED, window.check(A, 1, 37));
        assertEquals(DUPLICATE, window.check(A, 1, 37));
        assertEquals(DUPLICATE, window.check(A, 1, 99));
        assertEquals(100, window.highest(A), "late beacons do not move the window");
    }

    @Test
    void windowEdgeIs64() {
        assertEquals(ACCEPTED, window.check(A, 1, 1000));
        assertEquals(ACCEPTED, window.check(A, 1, 1000 - 63));
        assertEquals(TOO_OLD, window.check(A, 1, 1000 - 64));
        assertEquals(TOO_OLD, window.check(A, 1, 0));
    }

    @Test
    void aJumpForgetsWhatFellOutOfTheWindow() {
        assertEquals(ACCEPTED, window.check(A, 1, 5));
        assertEquals(ACCEPTED, window.check(A, 1, 5 + 64));
        assertEquals(TOO_OLD, window.check(A, 1, 5));
        assertEquals(ACCEPTED, window.check(A, 1, 6), "never seen, and just inside the window");
        assertEquals(ACCEPTED, window.check(A, 1, 1_000_000));
        assertEquals(ACCEPTED, window.check(A, 1, 1_000_000 - 1));
        assertEquals(DUPLICATE, window.check(A, 1, 1_000_000));
    }

    @Test
    void shiftsTheBitmapAlongWithTheHighest() {
        assertEquals(ACCEPTED, window.check(A, 1, 10));
        assertEquals(ACCEPTED, window.check(A, 1, 12));
        assertEquals(ACCEPTED, window.check(A, 1, 40));
        assertEquals(DUPLICATE, window.check(A, 1, 10));
        assertEquals(DUPLICATE, window.check(A, 1, 12));
        assertEquals(ACCEPTED, window.check(A, 1, 11));
    }

    @Test
    void olderIncarnationIsReplayNewerStartsAfresh() {
        assertEquals(ACCEPTED, window.check(A, 500, 1_000));
        assertEquals(OLD_INCARNATION, window.check(A, 499, 5_000));
        assertEquals(ACCEPTED, window.check(A, 501, 1), "a restarted sender counts from the start again");
        assertEquals(501, window.incarnation(A));
        assertEquals(1, window.highest(A));
        assertEquals(OLD_INCARNATION, window.check(A, 500, 1_001));
        assertEquals(DUPLICATE, window.check(A, 501, 1));
    }

    @Test
    void sendersAreIndependent() {
        assertEquals(ACCEPTED, window.check(A, 1, 7));
        assertEquals(ACCEPTED, window.check(B, 1, 7));
        assertEquals(DUPLICATE, window.check(B, 1, 7));
        assertEquals(-1, window.highest(new NodeId("node-c")));
        assertEquals(-1, window.incarnation(new NodeId("node-c")));
    }

    /** Against a plain model: every seq once, nothing older than highest - 63. */
    @Test
    void agreesWithASimpleModelOnRandomArrivals() {
        SplittableRandom random = new SplittableRandom(42);
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        for (int i = 0; i < 200_000; i++) {
            long base = Math.max(0, highest);
            long seq = Math.max(0, base + random.nextLong(-80, 8));
            if (random.nextInt(1000) == 0) {
                seq = base + random.nextLong(60, 200);
            }
            Verdict expected;
            if (highest >= 0 && seq <= highest - 64) {
                expected = TOO_OLD;
            } else if (seen.contains(seq)) {
                expected = DUPLICATE;
            } else {
                expected = ACCEPTED;
            }
            assertEquals(expected, window.check(A, 1, seq), "arrival " + i + ", seq " + seq + ", highest " + highest);
            if (expected == ACCEPTED) {
                seen.add(seq);
                highest = Math.max(highest, seq);
            }
        }
    }
}
