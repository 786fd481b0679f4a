package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.heartline.cluster.HoldingTimeline.Interval;
import io.heartline.cluster.HoldingTimeline.Observation;
import io.heartline.cluster.HoldingTimeline.Span;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The auditor's interval arithmetic on hand-made observations: no lab, no clock. */
class HoldingTimelineTest {
    static final List<String> NODES = List.of("a", "b", "c");

    static Observation held(long t, String node) {
        return new Observation(t, node, true);
    }

    static Observation gone(long t, String node) {
        return new Observation(t, node, false);
    }

    static HoldingTimeline timeline(List<Observation> obs, long from, long to) {
        return HoldingTimeline.of(NODES, obs, Map.of(), from, to);
    }

    @Test
    void aCleanMoveHasNoOverlapOneMoveAndAGapOfNone() {
        HoldingTimeline t = timeline(List.of(held(0, "a"), gone(100, "a"), held(130, "b")), 0, 1000);
        assertEquals(List.of(), t.twoHolders());
        assertEquals(List.of(new Interval(100, 130, Set.of())), t.noHolder());
        assertEquals(1, t.moves());
        assertEquals(Set.of("b"), t.holdersAtEnd());
        assertEquals(130, t.firstSoleHolding("b"));
    }

    @Test
    void anOverlapIsOneIntervalWithItsLengthAndBothNodes() {
        HoldingTimeline t = timeline(List.of(held(0, "a"), held(200, "b"), gone(260, "a")), 0, 1000);
        assertEquals(List.of(new Interval(200, 260, Set.of("a", "b"))), t.twoHolders());
        assertEquals(60, HoldingTimeline.totalMillis(t.twoHolders()));
        assertEquals(1, t.moves(), "{a} -> {a,b} -> {b} is one move");
    }

    @Test
    void aBlipShorterThanAnySampleStillCountsWhenAnEventSawIt() {
        // samples at 0, 20, 40 see only a; the netlink events saw b hold for 3 ms in between
        HoldingTimeline t = timeline(List.of(held(0, "a"), held(20, "a"), held(23, "b"), gone(26, "b"), held(40, "a")),
                0, 100);
        assertEquals(List.of(new Interval(23, 26, Set.of("a", "b"))), t.twoHolders());
        assertEquals(0, t.moves());
    }

    @Test
    void aThreeWayOverlapMergesWithTheTwoWayOnesAroundIt() {
        HoldingTimeline t = timeline(List.of(held(0, "a"), held(10, "b"), held(20, "c"), gone(30, "a"), gone(40, "b")),
                0, 100);
        assertEquals(List.of(new Interval(10, 40, Set.of("a", "b", "c"))), t.twoHolders());
        assertEquals(Set.of("c"), t.holdersAtEnd());
    }

    @Test
    void observationsBeforeTheWindowSetItsStartAndLaterOnesAreIgnored() {
        HoldingTimeline t = timeline(List.of(held(-500, "a"), held(-400, "b"), gone(50, "b"), held(200, "c")), 0, 100);
        assertEquals(List.of(new Interval(0, 50, Set.of("a", "b"))), t.twoHolders());
        assertEquals(Set.of("a"), t.holdersAtEnd());
    }

    @Test
    void anOverlapStillOpenAtTheEndEndsWithTheWindow() {
        HoldingTimeline t = timeline(List.of(held(0, "a"), held(70, "b")), 0, 100);
        assertEquals(List.of(new Interval(70, 100, Set.of("a", "b"))), t.twoHolders());
        assertEquals(Set.of("a", "b"), t.holdersAtEnd());
    }

    @Test
    void noObservationAtAllIsNoHolderForTheWholeWindow() {
        HoldingTimeline t = timeline(List.of(), 10, 60);
        assertEquals(List.of(new Interval(10, 60, Set.of())), t.noHolder());
        assertEquals(Set.of(), t.holdersAtEnd());
        assertEquals(-1, t.firstSoleHolding("a"));
    }

    @Test
    void aPausedHoldersOverlapIsStaleUntilItRunsAgain() {
        // a is paused 100..300 while holding; b claims at 200; a wakes at 300 and lets go at 340
        List<Observation> obs = List.of(held(0, "a"), held(200, "b"), gone(340, "a"));
        HoldingTimeline t = HoldingTimeline.of(NODES, obs, Map.of("a", List.of(new Span(100, 300))), 0, 1000);
        assertEquals(List.of(new Interval(200, 340, Set.of("a", "b"))), t.twoHolders());
        assertEquals(List.of(new Interval(200, 300, Set.of("a", "b"))), t.twoHoldersWithAStaleOne());
        assertEquals(List.of(new Interval(300, 340, Set.of("a", "b"))), t.twoRunningHolders());
    }

    @Test
    void aKilledHoldersAddressIsStaleForAsLongAsItStays() {
        List<Observation> obs = List.of(held(0, "a"), held(150, "b"));
        HoldingTimeline t = HoldingTimeline.of(NODES, obs, Map.of("a", List.of(new Span(100, Long.MAX_VALUE))), 0, 500);
        assertEquals(List.of(), t.twoRunningHolders());
        assertEquals(350, HoldingTimeline.totalMillis(t.twoHoldersWithAStaleOne()));
    }

    @Test
    void flappingCountsEveryChangeOfTheSoleHolder() {
        HoldingTimeline t = timeline(List.of(held(0, "a"), gone(10, "a"), held(20, "b"), held(30, "a"), gone(40, "b"),
                gone(50, "a"), held(60, "b")), 0, 100);
        assertEquals(3, t.moves(), "a -> b -> a -> b");
        assertEquals(2, t.noHolder().size());
        assertEquals(1, t.twoHolders().size());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> timeline(List.of(), 10, 5));
    }
}
