package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link AbstractMedium} does for every medium, seen through a medium that moves nothing. */
class AbstractMediumTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final AuthKey KEY = AuthKey.of("abstract-medium-key-0123456789");
    private static final MediumContext AT_A = new MediumContext(A, Set.of(A, B), KEY);

    /** Keeps what it is asked to transmit; frames "arrive" when the test says so. */
    private static final class Bench extends AbstractMedium {
        final List<byte[]> transmitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Exception failOpen;

        Bench(MediumContext context) {
            super("bench", context);
        }

        @Override
        protected void open() throws Exception {
            if (failOpen != null) {
                throw failOpen;
            }
        }

        @Override
        protected void transmit(byte[] frame) {
            transmitted.add(frame);
        }

        @Override
        protected void shutdown() {
        }

        void arrive(byte[] frame) {
            receive(frame, 0, frame.length);
        }
    }

    private final BeaconCodec peer = new BeaconCodec(KEY);

    @Test
    void aFailingListenerDoesNotStopDelivery() throws Exception {
        Bench m = new Bench(AT_A);
        List<Long> seen = new ArrayList<>();
        m.start(new BeaconListener() {
            @Override
            public void onBeacon(String medium, Beacon beacon) {
                seen.add(beacon.seq());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onRejected(String medium, Reason reason, String detail) {
                throw new IllegalStateException("listener bug");
            }
        });
        m.arrive(peer.encode(Beacon.empty(B, 1, 1)));
        m.arrive(peer.encode(Beacon.empty(B, 1, 1)));
        m.arrive(peer.encode(Beacon.empty(B, 1, 2)));
        assertEquals(List.of(1L, 2L), seen);
        assertEquals(2, m.stats().received());
        assertEquals(1, m.stats().rejected(Reason.REPLAY));
        m.close();
    }

    @Test
    void framesBeforeStartOrAfterCloseAreIgnored() throws Exception {
        Bench m = new Bench(AT_A);
        RecordingListener l = new RecordingListener();
        m.arrive(peer.encode(Beacon.empty(B, 1, 1)));
        m.start(l);
        m.close();
        m.arrive(peer.encode(Beacon.empty(B, 1, 2)));
        assertEquals(0, m.stats().received());
        assertTrue(l.received().isEmpty());
    }

    @Test
    void aMediumThatCannotOpenIsClosedAndSaysWhy() {
        Bench m = new Bench(AT_A);
        IOException cause = new IOException("address already in use");
        m.failOpen = cause;
        assertSame(cause, assertThrows(IOException.class, () -> m.start(new RecordingListener())));
        m.send(Beacon.empty(A, 1, 1));
        assertEquals(1, m.stats().sendErrors());
        assertThrows(IllegalStateException.class, () -> m.start(new RecordingListener()));
    }

    @Test
    void aBeaconTooLargeToEncodeIsCountedNotThrown() throws Exception {
        Bench m = new Bench(AT_A);
        m.start(new RecordingListener());
        List<GroupAdvert> huge = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            huge.add(new GroupAdvert("g".repeat(250), i, "o".repeat(250), GroupState.STANDBY));
        }
        m.send(new Beacon(A, 1, 1, huge, List.of()));
        m.close();
        assertEquals(1, m.stats().sendErrors());
        assertEquals(0, m.stats().sent());
        assertTrue(m.transmitted.isEmpty());
    }

    @Test
    void sentFramesAreTheSignedBeacons() throws Exception {
        Bench m = new Bench(AT_A);
        m.start(new RecordingListener());
        Beacon b = Beacon.empty(A, 5, 9);
        m.send(b);
        m.close();
        assertEquals(1, m.stats().sent());
        byte[] frame = m.transmitted.get(0);
        assertEquals(b, new BeaconCodec(KEY).decode(frame, 0, frame.length));
    }

    @Test
    void membersAreKeptForStatusButNeverReachTheListener() throws Exception {
        InMemoryMedium m = new InMemoryMedium("memory", AT_A);
        RecordingListener l = new RecordingListener();
        m.start(l);
        assertEquals(new MembersView(1, List.of("node-a")), m.members());
        m.close();
    }

    @Test
    void aHugeHostileViewIsKeptBounded() throws Exception {
        InMemoryMedium m = new InMemoryMedium("memory", AT_A);
        m.start(new RecordingListener());
        List<String> hostile = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            hostile.add("x".repeat(1_000) + "\n\u001b[31m" + i);
        }
        m.reportMembers(hostile);
        MembersView v = m.members();
        assertEquals(100_000, v.size());
        assertEquals(MembersView.MAX_NAMES, v.names().size());
        for (String name : v.names()) {
            assertTrue(name.length() <= MembersView.MAX_NAME && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f), name);
        }
        m.close();
    }
}
