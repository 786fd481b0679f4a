package io.heartline.heartbeat.metrics;

import io.heartline.core.NodeId;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.heartbeat.MediumStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/**
 * The heartbeat media's own counters as Prometheus meters. Nothing is counted here: every meter
 * is a {@link FunctionCounter} reading the {@link MediumStats} a medium already keeps, so the
 * beacon path does no meter lookup and allocates nothing for metrics; the work happens when
 * Prometheus scrapes.
 *
 * <ul>
 *   <li>{@code heartline_beacons_sent_total{medium}}: beacons handed to the medium's socket or port;</li>
 *   <li>{@code heartline_beacon_send_errors_total{medium}}: beacons that could not be sent (queue full, closed, I/O);</li>
 *   <li>{@code heartline_beacons_received_total{medium,peer}}: authentic beacons accepted from each peer;</li>
 *   <li>{@code heartline_beacons_rejected_total{medium,reason}}: frames dropped (bad MAC, replay, unknown node,
 *       ...), by reason; the sender of a rejected frame is unknown or forged, so there is no peer label;</li>
 *   <li>{@code heartline_beacon_framing_errors_total{medium}}: damaged stretches of a serial byte stream.</li>
 * </ul>
 */
public final class MediumMetrics implements MeterBinder {
    private final List<HeartbeatMedium> media;
    private final List<NodeId> peers;

    /**
     * @param media the daemon's media (their stats are read for as long as they live)
     * @param peers every other node of the cluster: one received-counter per peer and medium
     */
    public MediumMetrics(List<? extends HeartbeatMedium> media, List<NodeId> peers) {
        this.media = List.copyOf(media);
        this.peers = List.copyOf(peers);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (HeartbeatMedium medium : media) {
            MediumStats stats = medium.stats();
            String name = medium.name();
            counter("heartline.beacons.sent", "Beacons sent on a heartbeat medium", stats,
                    MediumStats::sent).tag("medium", name).register(registry);
            counter("heartline.beacon.send.errors", "Beacons that could not be sent", stats,
                    MediumStats::sendErrors).tag("medium", name).register(registry);
            counter("heartline.beacon.framing.errors", "Damaged stretches of a serial byte stream", stats,
                    MediumStats::framingErrors).tag("medium", name).register(registry);
            for (NodeId peer : peers) {
                counter("heartline.beacons.received", "Authentic beacons accepted from a peer", stats,
                        s -> s.received(peer)).tags("medium", name, "peer", peer.name()).register(registry);
            }
            for (Reason reason : Reason.values()) {
                counter("heartline.beacons.rejected", "Frames dropped by the beacon checks, by reason",
                        stats, s -> s.rejected(reason))
                        .tags("medium", name, "reason", reason.name().toLowerCase(Locale.ROOT)).register(registry);
            }
        }
    }

    private static FunctionCounter.Builder<MediumStats> counter(String name, String help,
                                                                MediumStats stats,
                                                                java.util.function.ToDoubleFunction<MediumStats> f) {
        return FunctionCounter.builder(name, stats, f).description(help);
    }
}
