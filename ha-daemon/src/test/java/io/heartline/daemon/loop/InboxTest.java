package io.heartline.daemon.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import io.heartline.membership.Event;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The inbox's three lanes keep their bounds and policies: coalesced beacons, fatal events, refused commands. */
class InboxTest {
    static final NodeId A = new NodeId("node-a");
    static final NodeId B = new NodeId("node-b");

    static LongFunction<Event> beacon(String medium, NodeId from, long incarnation) {
        return at -> new Event.PeerBeacon(at, medium, from, incarnation, 1, List.of(), List.of());
    }

    @Test
    void aFloodOfBeaconsKeepsOnlyTheNewestPerPeerAndMedium() {
        Inbox inbox = new Inbox(InboxTest::noFatal);
        for (int i = 1; i <= 100_000; i++) {
            inbox.beacon("mcast", A, beacon("mcast", A, i));
            inbox.beacon("serial", A, beacon("serial", A, i));
            inbox.beacon("mcast", B, beacon("mcast", B, i));
        }
        assertEquals(3, inbox.size(), "one slot per peer and medium");
        assertEquals(3 * 99_999, inbox.coalesced());
        ArrayDeque<Object> out = new ArrayDeque<>();
        inbox.drainTo(out, 64);
        assertEquals(3, out.size());
        for (Object o : out) {
            @SuppressWarnings("unchecked")
            Event.PeerBeacon b = (Event.PeerBeacon) ((LongFunction<Event>) o).apply(7);
            assertEquals(100_000, b.incarnation(), "the newest beacon wins");
        }
        assertTrue(inbox.isEmpty());
    }

    @Test
    void commandsAreRefusedWhenTheirLaneIsFullAndCounted() {
        Inbox inbox = new Inbox(8, 4, InboxTest::noFatal);
        for (int i = 0; i < 4; i++) {
            assertTrue(inbox.offer(() -> { }));
        }
        assertFalse(inbox.offer(() -> { }), "the fifth command is refused, not queued");
        assertEquals(1, inbox.refused());
    }

    static void noFatal(String where, Throwable cause) {
        throw new AssertionError("fatal: " + where, cause);
    }

    @Test
    void aFullEventLaneEndsTheProcessRatherThanLoseAnEvent() {
        java.util.List<Throwable> died = new java.util.ArrayList<>();
        Inbox inbox = new Inbox(2, 4, (where, cause) -> died.add(cause));
        inbox.post(at -> new Event.Tick(at));
        inbox.post(at -> new Event.Tick(at));
        assertTrue(died.isEmpty());
        inbox.post(at -> new Event.Tick(at));
        assertEquals(1, died.size());
        assertTrue(died.get(0) instanceof Inbox.Overflow && died.get(0).getMessage().contains("stuck"),
                died.get(0).toString());
    }

    @Test
    void eventsComeFirstAndCommandsAreTakenAtMostNPerTurn() {
        Inbox inbox = new Inbox(InboxTest::noFatal);
        for (int i = 0; i < 100; i++) {
            inbox.offer(() -> { });
        }
        inbox.post(at -> new Event.Tick(at));
        inbox.beacon("mcast", A, beacon("mcast", A, 1));
        ArrayDeque<Object> out = new ArrayDeque<>();
        inbox.drainTo(out, 10);
        assertEquals(12, out.size());
        assertFalse(out.peekFirst() instanceof Runnable, "our own events before commands");
        assertEquals(90, inbox.size(), "the rest of the commands wait for the next turn");
    }
}
