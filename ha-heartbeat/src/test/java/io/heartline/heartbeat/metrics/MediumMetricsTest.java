package io.heartline.heartbeat.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.AbstractMedium;
import io.heartline.heartbeat.Beacon;
import io.heartline.heartbeat.BeaconCodec;
import io.heartline.heartbeat.BeaconListener;
import io.heartline.heartbeat.BeaconRejectedException;
import io.heartline.heartbeat.MediumContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The media's counters read through {@link MediumMetrics}: frames are handed in directly, no threads, no waits. */
class MediumMetricsTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final NodeId C = new NodeId("node-c");
    private static final AuthKey KEY = AuthKey.of("medium-metrics-key-0123456789abc");

    /** A medium whose frames arrive when the test says so. */
    private static final class Wire extends AbstractMedium {
        Wire(String name) {
            super(name, new MediumContext(A, Set.of(A, B, C), KEY));
        }

        void arrive(byte[] frame) {
            receive(frame, 0, frame.length);
        }

        @Override
        protected void open() {
        }

        @Override
        protected void transmit(byte[] frame) {
        }

        @Override
        protected void shutdown() {
        }
    }

    private static final BeaconListener IGNORE = new BeaconListener() {
        @Override
        public void onBeacon(String medium, Beacon beacon) {
        }

        @Override
        public void onRejected(String medium, BeaconRejectedException.Reason reason, String detail) {
        }
    };

    @Test
    void countsReceivedPerPeerAndMediumAndRejectionsByReason() throws Exception {
        Wire lan = new Wire("lan");
        Wire serial = new Wire("serial");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MediumMetrics(List.of(lan, serial), List.of(B, C)).bindTo(registry);
        lan.send(Beacon.empty(A, 1, 1)); // not started yet: a send error
        lan.start(IGNORE);
        serial.start(IGNORE);
        BeaconCodec codec = new BeaconCodec(KEY);
        byte[] b1 = codec.encode(Beacon.empty(B, 7, 1));
        lan.arrive(b1);
        lan.arrive(codec.encode(Beacon.empty(B, 7, 2)));
        lan.arrive(b1); // replayed
        lan.arrive(new byte[] {1, 2, 3}); // junk
        serial.arrive(codec.encode(Beacon.empty(C, 9, 1)));

        assertEquals(2.0, received(registry, "lan", "node-b"));
        assertEquals(0.0, received(registry, "lan", "node-c"));
        assertEquals(1.0, received(registry, "serial", "node-c"));
        assertEquals(1.0, rejected(registry, "lan", "replay"));
        assertEquals(1.0, rejected(registry, "lan", "malformed"));
        assertEquals(0.0, rejected(registry, "serial", "bad_mac"));
        assertEquals(1.0, registry.get("heartline.beacon.send.errors").tag("medium", "lan").functionCounter().count());
        assertEquals(0.0, registry.get("heartline.beacons.sent").tag("medium", "serial").functionCounter().count());
        lan.close();
        serial.close();
    }

    @Test
    void everyReasonHasItsSeriesFromTheStartSoRatesStartAtZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MediumMetrics(List.of(new Wire("lan")), List.of(B)).bindTo(registry);
        assertEquals(BeaconRejectedException.Reason.values().length,
                registry.find("heartline.beacons.rejected").functionCounters().size());
        assertEquals(1, registry.find("heartline.beacons.received").functionCounters().size());
    }

    private static double received(SimpleMeterRegistry r, String medium, String peer) {
        return r.get("heartline.beacons.received").tags("medium", medium, "peer", peer).functionCounter().count();
    }

    private static double rejected(SimpleMeterRegistry r, String medium, String reason) {
        return r.get("heartline.beacons.rejected").tags("medium", medium, "reason", reason).functionCounter().count();
    }
}
