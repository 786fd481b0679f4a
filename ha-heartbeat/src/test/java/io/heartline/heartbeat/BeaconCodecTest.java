package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BeaconCodecTest {
    static final AuthKey KEY = AuthKey.of("codec-test-key-0123456789abcdef");
    static final NodeId NODE = new NodeId("director1");

    private final BeaconCodec codec = new BeaconCodec(KEY);

    static Beacon sample() {
        return new Beacon(NODE, 1_767_225_600_123L, 42,
                List.of(new GroupAdvert("lvs", 17, "director1", GroupState.ACTIVE),
                        new GroupAdvert("mail", 0, "", GroupState.STANDBY),
                        new GroupAdvert("grüße-☃", Long.MAX_VALUE, "director2", GroupState.FAULT)),
                List.of(new HandoffRequest("lvs", 17, "director2")));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Beacon b = sample();
        assertEquals(b, decode(codec.encode(b)));
    }

    @Test
    void roundTripsAnEmptyBeaconAndExtremeNumbers() throws Exception {
        Beacon b = Beacon.empty(new NodeId("n"), Long.MAX_VALUE, Long.MAX_VALUE);
        byte[] frame = codec.encode(b);
        assertEquals(BeaconCodec.MIN_FRAME, frame.length, "the smallest beacon is the minimum frame");
        assertEquals(b, decode(frame));
    }

    @ParameterizedTest
    @EnumSource(GroupState.class)
    void roundTripsEveryGroupState(GroupState state) throws Exception {
        Beacon b = new Beacon(NODE, 1, 1, List.of(new GroupAdvert("g", 3, "x", state)), List.of());
        assertEquals(state, decode(codec.encode(b)).adverts().get(0).state());
    }

    @Test
    void frameStartsWithMagicAndVersionAndEndsWithTheMac() {
        byte[] frame = codec.encode(sample());
        assertArrayEquals(new byte[] {'H', 'L', 'B', 1}, Arrays.copyOf(frame, 4));
        byte[] body = Arrays.copyOf(frame, frame.length - BeaconCodec.MAC_LENGTH);
        assertArrayEquals(frame, Frames.sign(KEY, body), "the tag is HMAC-SHA256 over everything before it");
    }

    @Test
    void decodesFromTheMiddleOfALargerBuffer() throws Exception {
        byte[] frame = codec.encode(sample());
        byte[] buf = new byte[frame.length + 20];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(frame, 0, buf, 7, frame.length);
        assertEquals(sample(), codec.decode(buf, 7, frame.length));
    }

    @Test
    void reusedCodecReturnsIndependentFrames() throws Exception {
        byte[] first = codec.encode(sample());
        byte[] copy = first.clone();
        byte[] second = codec.encode(Beacon.empty(NODE, 1, 2));
        assertNotSame(first, second);
        assertArrayEquals(copy, first, "a later encode does not overwrite an earlier frame");
        for (int i = 0; i < 100; i++) {
            assertEquals(sample(), decode(first));
            assertEquals(2, decode(second).seq());
        }
    }

    @Test
    void rejectsAnotherKeyAsBadMac() {
        byte[] forged = new BeaconCodec(AuthKey.of("another-key-0123456789abcdefgh")).encode(sample());
        assertEquals(Reason.BAD_MAC, reject(forged).reason());
    }

    @Test
    void rejectsAnotherVersionBeforeLookingAtTheMac() {
        byte[] frame = codec.encode(sample());
        frame[3] = 2;
        BeaconRejectedException e = reject(frame);
        assertEquals(Reason.BAD_VERSION, e.reason());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void rejectsBadMagicShortAndLongFramesAsMalformed() {
        byte[] frame = codec.encode(sample());
        frame[0] = 'X';
        assertEquals(Reason.MALFORMED, reject(frame).reason());
        assertEquals(Reason.MALFORMED, reject(new byte[BeaconCodec.MIN_FRAME - 1]).reason());
        assertEquals(Reason.MALFORMED, reject(new byte[BeaconCodec.MAX_FRAME + 1]).reason());
        assertEquals(Reason.MALFORMED, reject(new byte[0]).reason());
    }

    @Test
    void rejectsAuthenticButMalformedBodies() {
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(0).u16(0).raw(0), "unexpected bytes");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(1025).u16(0), "1025 adverts");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(0).u16(1025), "1025 requests");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(1).str("g").i64(1).str("").raw(0).u16(0),
                "state code 0");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(1).str("g").i64(1).str("").raw(8).u16(0),
                "state code 8");
        assertMalformed(Frames.v1().str("-bad name").i64(1).i64(1).u16(0).u16(0), "invalid node name");
        assertMalformed(Frames.v1().str("node-a").i64(-1).i64(1).u16(0).u16(0), "negative incarnation");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(-5).u16(0).u16(0), "negative seq");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(1).str("g").i64(-1).str("").raw(4).u16(0),
                "negative epoch");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(2).str("g").i64(1).str("").raw(4).u16(0),
                "ends inside");
        assertMalformed(Frames.v1().raw(200).i64(0).i64(0).i64(0).i64(0), "ends inside node name");
    }

    @Test
    void refusesToEncodeWhatDoesNotFit() {
        String longName = "g".repeat(256);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(
                new Beacon(NODE, 1, 1, List.of(new GroupAdvert(longName, 1, "", GroupState.INIT)), List.of())));
        String longUtf8 = "é".repeat(128);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(
                new Beacon(NODE, 1, 1, List.of(new GroupAdvert(longUtf8, 1, "", GroupState.INIT)), List.of())));
        List<GroupAdvert> tooMany = new ArrayList<>();
        for (int i = 0; i <= BeaconCodec.MAX_ADVERTS; i++) {
            tooMany.add(new GroupAdvert("g" + i, 1, "", GroupState.INIT));
        }
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Beacon(NODE, 1, 1, tooMany, List.of())));
        List<GroupAdvert> tooBig = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tooBig.add(new GroupAdvert("g".repeat(200) + i, 1, "o".repeat(200), GroupState.INIT));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Beacon(NODE, 1, 1, tooBig, List.of())));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void carriesTheMaximumNumberOfGroups() throws Exception {
        List<GroupAdvert> adverts = new ArrayList<>();
        List<HandoffRequest> requests = new ArrayList<>();
        for (int i = 0; i < BeaconCodec.MAX_ADVERTS; i++) {
            adverts.add(new GroupAdvert("group-" + i, i, "director1", GroupState.STANDBY));
        }
        for (int i = 0; i < BeaconCodec.MAX_REQUESTS; i++) {
            requests.add(new HandoffRequest("g" + i, i, "d2"));
        }
        Beacon b = new Beacon(NODE, 1, 1, adverts, requests);
        byte[] frame = codec.encode(b);
        assertTrue(frame.length <= BeaconCodec.MAX_FRAME);
        assertEquals(b, decode(frame));
    }

    @Test
    void roundTripsTheHeardSetAndKeepsAnEmptyOneApartFromNone() throws Exception {
        Beacon b = new Beacon(NODE, 7, 9, sample().adverts(), sample().requests(),
                Set.of(new NodeId("director2"), new NodeId("director3")));
        assertEquals(b, decode(codec.encode(b)));
        Beacon none = new Beacon(NODE, 7, 9, List.of(), List.of(), Set.of());
        assertEquals(Set.of(), decode(codec.encode(none)).heard(), "heard nobody is not 'does not say'");
        assertNull(decode(codec.encode(sample())).heard(), "no heard set: unknown");
    }

    /**
     * A daemon from before heard sets parses version 1 only and rejects any byte after the
     * requests: the heard set must be plain version 1 requests, for a group no daemon has.
     */
    @Test
    void theHeardSetIsAVersionOneFrameThatDaemonsWithoutItAccept() {
        Beacon b = new Beacon(NODE, 7, 9, List.of(), List.of(new HandoffRequest("lvs", 17, "director2")),
                Set.of(new NodeId("director3"), new NodeId("director2")));
        byte[] expected = Frames.v1().str("director1").i64(7).i64(9).u16(0).u16(4)
                .str("lvs").i64(17).str("director2")
                .str("+heard").i64(0).str("")
                .str("+heard").i64(0).str("director2")
                .str("+heard").i64(0).str("director3").signed(KEY);
        assertArrayEquals(expected, codec.encode(b));
    }

    @Test
    void aBeaconOfADaemonWithoutHeardSetsDecodesWithTheSetUnknown() throws Exception {
        byte[] old = Frames.v1().str("director2").i64(7).i64(9).u16(0).u16(1).str("lvs").i64(17).str("director1")
                .signed(KEY);
        Beacon b = decode(old);
        assertNull(b.heard());
        assertEquals(List.of(new HandoffRequest("lvs", 17, "director1")), b.requests());
    }

    @Test
    void heardSetsNameUnknownNodesButAreBoundedAndValid() throws Exception {
        Frames unknown = Frames.v1().str("node-a").i64(1).i64(1).u16(0).u16(2).str("+heard").i64(0).str("")
                .str("+heard").i64(0).str("not-in-this-cluster");
        assertEquals(Set.of(new NodeId("not-in-this-cluster")), decode(unknown.signed(KEY)).heard());

        Frames tooMany = Frames.v1().str("node-a").i64(1).i64(1).u16(0).u16(BeaconCodec.MAX_HEARD + 2)
                .str("+heard").i64(0).str("");
        for (int i = 0; i <= BeaconCodec.MAX_HEARD; i++) {
            tooMany.str("+heard").i64(0).str("n" + i);
        }
        assertMalformed(tooMany, "more than 64 heard peers");
        assertMalformed(Frames.v1().str("node-a").i64(1).i64(1).u16(0).u16(1).str("+heard").i64(0).str("-bad"),
                "invalid node name");

        Set<NodeId> many = new java.util.HashSet<>();
        for (int i = 0; i <= BeaconCodec.MAX_HEARD; i++) {
            many.add(new NodeId("n" + i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Beacon(NODE, 1, 1, List.of(), List.of(), many)));
        assertTrue(e.getMessage().contains("65 heard peers"), e.getMessage());
        List<HandoffRequest> full = new ArrayList<>();
        for (int i = 0; i < BeaconCodec.MAX_REQUESTS; i++) {
            full.add(new HandoffRequest("g" + i, i, "d2"));
        }
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Beacon(NODE, 1, 1, List.of(), full, Set.of())), "the marker does not fit");
    }

    @Test
    void rejectsOffsetsOutsideTheBufferAsProgrammingErrors() {
        assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(new byte[10], 5, 10));
    }

    private void assertMalformed(Frames frame, String expectedInMessage) {
        BeaconRejectedException e = reject(frame.signed(KEY));
        assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), "'" + e.getMessage() + "' mentions " + expectedInMessage);
    }

    private Beacon decode(byte[] frame) throws BeaconRejectedException {
        return codec.decode(frame, 0, frame.length);
    }

    private BeaconRejectedException reject(byte[] frame) {
        return assertThrows(BeaconRejectedException.class, () -> codec.decode(frame, 0, frame.length));
    }
}
