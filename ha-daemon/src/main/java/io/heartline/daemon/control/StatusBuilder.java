package io.heartline.daemon.control;

import io.heartline.daemon.media.LinkQuality;
import io.heartline.core.GroupAdvert;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.VipConfig;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.heartbeat.MediumStats;
import io.heartline.membership.ClusterState;
import io.heartline.membership.GroupView;
import io.heartline.membership.PeerState;
import io.heartline.membership.Suspicion;
import io.heartline.takeover.TakeoverStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The daemon's status as a JSON-shaped map: nodes with their links, groups with owner and epoch,
 * media counters, fencing and the tie-breaks (ping nodes, witness). Built from one state
 * snapshot, so it never mixes two moments.
 */
public final class StatusBuilder {
    private volatile HeartlineConfig config;
    private final List<HeartbeatMedium> media;
    private final Supplier<TakeoverStats> takeover;
    private final Map<String, List<String>> members;
    private final LinkQuality quality;
    private final Supplier<List<io.heartline.notify.ChannelStatus>> alerts;
    private final Supplier<Map<String, Object>> fencing;
    private final java.util.function.Function<String, io.heartline.resources.GroupStatus> resources;
    private final Supplier<Map<String, Object>> ping;
    private final Supplier<Map<String, Object>> witness;

    /** A status without tie-breaks (no ping nodes, no witness). */
    public StatusBuilder(HeartlineConfig config, List<HeartbeatMedium> media, Supplier<TakeoverStats> takeover,
                  Map<String, List<String>> members, LinkQuality quality,
                  Supplier<List<io.heartline.notify.ChannelStatus>> alerts, Supplier<Map<String, Object>> fencing,
                  java.util.function.Function<String, io.heartline.resources.GroupStatus> resources) {
        this(config, media, takeover, members, quality, alerts, fencing, resources, () -> Map.of("enabled", false),
                () -> Map.of("enabled", false));
    }

    /** With {@code ping} and {@code witness}: the tie-breaks' own status ({@code enabled} and their state). */
    public StatusBuilder(HeartlineConfig config, List<HeartbeatMedium> media, Supplier<TakeoverStats> takeover,
                  Map<String, List<String>> members, LinkQuality quality,
                  Supplier<List<io.heartline.notify.ChannelStatus>> alerts, Supplier<Map<String, Object>> fencing,
                  java.util.function.Function<String, io.heartline.resources.GroupStatus> resources,
                  Supplier<Map<String, Object>> ping, Supplier<Map<String, Object>> witness) {
        this.resources = resources;
        this.ping = ping;
        this.witness = witness;
        this.alerts = alerts;
        this.fencing = fencing;
        this.config = config;
        this.media = media;
        this.takeover = takeover;
        this.members = members;
        this.quality = quality;
    }

    /** After a reload: new VIPs and timings in what status shows. */
    public void update(HeartlineConfig next) {
        this.config = next;
    }

    Map<String, Object> build(ClusterState s, long now, String wallTime) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", config.cluster());
        m.put("node", config.self().name());
        m.put("time", wallTime);
        m.put("uptime_ms", ms(now - s.startedAt()));
        m.put("shutting_down", s.shuttingDown());
        m.put("mode", s.standby() ? "standby" : "online");
        m.put("maintenance", s.maintenance());
        m.put("degraded", s.degraded());
        m.put("partitioned_from", s.partitioned().stream().map(n -> n.name()).toList());
        m.put("local_media_down", s.localMediaDown());
        m.put("nodes", nodes(s, now));
        m.put("groups", groups(s, now));
        m.put("media", media(s));
        m.put("takeover", takeoverStats());
        m.put("alerts", alertChannels());
        Map<String, Object> f = new LinkedHashMap<>(fencing.get());
        Map<String, Object> peers = new LinkedHashMap<>();
        s.fencing().forEach((node, st) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("phase", st.phase().name());
            p.put("attempts", st.attempts());
            p.put("detail", st.detail());
            peers.put(node.name(), p);
        });
        f.put("peers", peers);
        m.put("fencing", f);
        m.put("ping", ping.get());
        m.put("witness", witness.get());
        return m;
    }

    private List<Object> nodes(ClusterState s, long now) {
        List<Object> out = new ArrayList<>();
        for (NodeConfig n : config.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.id().name());
            m.put("priority", n.priority());
            if (n.id().equals(config.self())) {
                m.put("self", true);
                m.put("alive", true);
            } else {
                PeerState p = s.peers().get(n.id());
                m.put("self", false);
                m.put("alive", p.alive());
                m.put("last_beacon_ms", p.lastHeard() == PeerState.NEVER ? null : ms(now - p.lastHeard()));
                m.put("suspect", suspect(p, now));
                m.put("links", links(p, now));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * The two-stage detector's view of a live peer that is silent: null when it is not suspect;
     * {@code verdict} {@code probing} until a probe found its kernel answering and its port open,
     * then {@code slow} (alive until deadtime).
     */
    private static Map<String, Object> suspect(PeerState p, long now) {
        Suspicion s = p.suspicion();
        if (!p.alive() || s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", s.slow() ? "slow" : "probing");
        m.put("since_ms", ms(now - s.since()));
        m.put("probes_answered", s.answers());
        return m;
    }

    private List<Object> links(PeerState p, long now) {
        List<Object> out = new ArrayList<>();
        long dead = config.timing().deadtime().toNanos();
        for (HeartbeatMedium medium : media) {
            Long last = p.lastByMedium().get(medium.name());
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("medium", medium.name());
            l.put("up", p.alive() && !p.linksDown().contains(medium.name()) && last != null && now - last < dead);
            l.put("last_beacon_ms", last == null ? null : ms(now - last));
            l.put("loss_percent", quality.lossPercent(p.id(), medium.name()));
            out.add(l);
        }
        return out;
    }

    private List<Object> groups(ClusterState s, long now) {
        List<Object> out = new ArrayList<>();
        for (GroupConfig gc : config.groups()) {
            GroupView g = s.group(gc.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", gc.name());
            m.put("state", g.state().name());
            m.put("owner", g.term().owner().isEmpty() ? null : g.term().owner());
            m.put("epoch", g.term().epoch());
            m.put("since_ms", ms(now - g.since()));
            m.put("vips", gc.vips().stream().map(VipConfig::toString).toList());
            Map<String, Object> peers = new LinkedHashMap<>();
            s.peers().forEach((id, p) -> {
                GroupAdvert a = p.advert(gc.name());
                peers.put(id.name(), a == null || !p.alive() ? null : a.state().name());
            });
            m.put("peer_states", peers);
            m.put("resources", resources(gc.name()));
            out.add(m);
        }
        return out;
    }

    private List<Object> resources(String group) {
        List<Object> out = new ArrayList<>();
        for (io.heartline.resources.ResourceStatus r : resources.apply(group).resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("agent", r.agent());
            m.put("state", r.state().name());
            m.put("fail_count", r.failCount());
            m.put("last_monitor", r.lastMonitor() == null ? null : r.lastMonitor().status().name());
            m.put("last_monitor_at", r.lastMonitorAt() == null ? null : r.lastMonitorAt().toString());
            m.put("last_failure", r.lastFailure() == null ? null : r.lastFailure().summary());
            m.putAll(r.details()); // e.g. an LVS director's real_servers
            out.add(m);
        }
        return out;
    }

    private List<Object> media(ClusterState s) {
        List<Object> out = new ArrayList<>();
        for (HeartbeatMedium medium : media) {
            MediumStats.Snapshot st = medium.stats().snapshot();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", medium.name());
            m.put("sent", st.sent());
            m.put("send_errors", st.sendErrors());
            m.put("received", st.received());
            m.put("rejected", st.rejectedTotal());
            Map<String, Object> reasons = new LinkedHashMap<>();
            st.rejected().forEach((r, n) -> {
                if (n > 0) {
                    reasons.put(r.name(), n);
                }
            });
            m.put("rejected_by_reason", reasons);
            m.put("framing_errors", st.framingErrors());
            m.put("garbage_bytes", st.garbageBytes());
            m.put("members", members.getOrDefault(medium.name(), List.of()));
            m.put("local_up", !s.localMediaDown().containsKey(medium.name()));
            out.add(m);
        }
        return out;
    }

    private List<Object> alertChannels() {
        List<Object> out = new ArrayList<>();
        for (io.heartline.notify.ChannelStatus c : alerts.get()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", c.name());
            m.put("delivered", c.delivered());
            m.put("queued", c.queued());
            m.put("retries_pending", c.retriesPending());
            m.put("held", c.heldNow());
            m.put("gave_up", c.gaveUp());
            m.put("dropped", c.dropped());
            m.put("last_attempt", c.lastAttemptTime() == null ? null : c.lastAttemptTime().toString());
            m.put("last_outcome", c.lastOutcome() == null ? null : c.lastOutcome().name());
            m.put("last_detail", c.lastDetail());
            m.put("last_delivered", c.lastDelivered() == null ? null : c.lastDelivered().toString());
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> takeoverStats() {
        TakeoverStats t = takeover.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addresses_added", t.addressesAdded());
        m.put("addresses_removed", t.addressesRemoved());
        m.put("garp_sent", t.garpSent());
        m.put("garp_failures", t.garpFailures());
        return m;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000L;
    }
}
