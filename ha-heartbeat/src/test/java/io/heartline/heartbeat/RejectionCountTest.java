package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import io.heartline.heartbeat.metrics.MediumMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One rejected frame moves exactly one counter, once, along the whole receive path: the codec
 * or the admission checks say why, {@link MediumStats} counts it under that reason, the listener
 * hears of it once, and the Prometheus meter reads the same number (it counts nothing itself).
 */
class RejectionCountTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final AuthKey KEY = AuthKey.of("rejection-count-key-0123456789");

    @Test
    void eachRejectedFrameIsCountedOnceUnderOneReason() throws Exception {
        InMemoryMedium m = new InMemoryMedium("lan", new MediumContext(A, Set.of(A, B), KEY));
        RecordingListener l = new RecordingListener();
        m.start(l);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MediumMetrics(List.of(m), List.of(B)).bindTo(registry);
        BeaconCodec peer = new BeaconCodec(KEY);
        byte[] good = peer.encode(Beacon.empty(B, 1, 1));
        byte[] badVersion = good.clone();
        badVersion[3] = 9;
        Map<Reason, byte[]> frames = new EnumMap<>(Reason.class);
        frames.put(Reason.MALFORMED, new byte[] {'H', 'L', 'B', 1, 0});
        frames.put(Reason.BAD_VERSION, badVersion);
        frames.put(Reason.BAD_MAC, new BeaconCodec(AuthKey.of("some-other-key-0123456789abc")).encode(Beacon.empty(B, 1, 2)));
        frames.put(Reason.REPLAY, good);
        frames.put(Reason.UNKNOWN_NODE, peer.encode(Beacon.empty(new NodeId("node-z"), 1, 1)));
        frames.put(Reason.SELF, peer.encode(Beacon.empty(A, 1, 1)));
        assertEquals(Reason.values().length, frames.size(), "every reason has a frame here");

        m.arrive(good); // accepted: the replay below is of this one
        long expectedTotal = 0;
        for (Map.Entry<Reason, byte[]> e : frames.entrySet()) {
            m.arrive(e.getValue());
            expectedTotal++;
            MediumStats.Snapshot s = m.stats().snapshot();
            for (Reason r : Reason.values()) {
                long expected = r.ordinal() <= e.getKey().ordinal() ? 1 : 0;
                assertEquals(expected, s.rejected(r), "after one " + e.getKey() + " frame, " + r + ": " + s);
                assertEquals(expected, registry.get("heartline.beacons.rejected").tag("medium", "lan")
                        .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT)).functionCounter().count(), 0.0);
            }
            assertEquals(expectedTotal, s.rejectedTotal());
            assertEquals(expectedTotal, l.rejections().size());
            assertEquals(e.getKey(), l.rejections().get(l.rejections().size() - 1).reason());
        }
        assertEquals(1, m.stats().received());
        assertEquals(1, l.received().size());
        assertEquals(0, m.stats().framingErrors(), "datagram media have no framing errors: "
                + Arrays.toString(frames.keySet().toArray()));
        m.close();
    }
}
