package io.heartline.daemon.metrics;

import io.heartline.core.Clock;
import io.heartline.core.GroupState;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.MediumConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.membership.ClusterState;
import io.heartline.membership.GroupView;
import io.heartline.membership.PeerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What the decider believes, as gauges read from the event loop's latest state snapshot at
 * scrape time (never from the loop's thread, never blocking it):
 *
 * <ul>
 *   <li>{@code heartline_peer_alive{peer}} 0/1;</li>
 *   <li>{@code heartline_link_up{peer,medium}} 0/1: beacons from the peer on that medium within deadtime
 *       (the same rule as {@code hactl status});</li>
 *   <li>{@code heartline_beacon_age_seconds{peer,medium}}: time since the last beacon (NaN before the first);</li>
 *   <li>{@code heartline_group_state{group,state}}: 1 for the group's current state on this node, 0 for every
 *       other state, so a Grafana state timeline or {@code max by (state)} shows it without a value mapping;</li>
 *   <li>{@code heartline_group_owned{group}} 0/1: this node holds the group's current term;</li>
 *   <li>{@code heartline_group_owner{group,owner}} 0/1 per configured node, as this node sees the term;</li>
 *   <li>{@code heartline_group_epoch{group}}: the group's current epoch.</li>
 * </ul>
 */
public final class ClusterMetrics implements MeterBinder {
    private final HeartlineConfig config;
    private final Supplier<ClusterState> state;
    private final Clock clock;
    private final long deadNanos;

    /** @param state the event loop's latest published state (a volatile read, never a query to the loop) */
    public ClusterMetrics(HeartlineConfig config, Supplier<ClusterState> state, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.state = Objects.requireNonNull(state, "state");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadNanos = config.timing().deadtime().toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<String> media = config.media().stream().map(MediumConfig::name).toList();
        for (NodeConfig peer : config.peers()) {
            String p = peer.id().name();
            gauge("heartline.peer.alive", "1 while the peer is alive (heard on some medium within deadtime)",
                    m -> m.peer(p) != null && m.peer(p).alive() ? 1 : 0).tag("peer", p).register(registry);
            for (String medium : media) {
                gauge("heartline.link.up", "1 while beacons from the peer arrive on the medium",
                        m -> m.linkUp(p, medium)).tags("peer", p, "medium", medium).register(registry);
                gauge("heartline.beacon.age", "Time since the last beacon from the peer on the medium",
                        m -> m.ageSeconds(p, medium)).tags("peer", p, "medium", medium).baseUnit("seconds")
                        .register(registry);
            }
        }
        for (GroupConfig g : config.groups()) {
            String group = g.name();
            for (GroupState s : GroupState.values()) {
                gauge("heartline.group.state", "1 for the group's current state on this node",
                        m -> m.group(group) != null && m.group(group).state() == s ? 1 : 0)
                        .tags("group", group, "state", s.name().toLowerCase(Locale.ROOT)).register(registry);
            }
            String self = config.self().name();
            gauge("heartline.group.owned", "1 while this node holds the group's term",
                    m -> m.owner(group, self)).tag("group", group).register(registry);
            for (NodeConfig n : config.nodes()) {
                String node = n.id().name();
                gauge("heartline.group.owner", "1 for the node that holds the group's term, as seen here",
                        m -> m.owner(group, node)).tags("group", group, "owner", node).register(registry);
            }
            gauge("heartline.group.epoch", "The group's current epoch (bumped at every claim)",
                    m -> m.group(group) == null ? Double.NaN : m.group(group).term().epoch())
                    .tag("group", group).register(registry);
        }
    }

    private Gauge.Builder<ClusterMetrics> gauge(String name, String help,
                                                ToDoubleFunction<ClusterMetrics> f) {
        return Gauge.builder(name, this, f).description(help).strongReference(true);
    }

    private PeerState peer(String name) {
        return state.get().peers().get(new io.heartline.core.NodeId(name));
    }

    private GroupView group(String name) {
        return state.get().group(name);
    }

    private double owner(String group, String node) {
        GroupView g = group(group);
        return g != null && node.equals(g.term().owner()) ? 1 : 0;
    }

    private double linkUp(String peer, String medium) {
        PeerState p = peer(peer);
        if (p == null || !p.alive() || p.linksDown().contains(medium)) {
            return 0;
        }
        Long last = p.lastByMedium().get(medium);
        return last != null && clock.monotonicNanos() - last < deadNanos ? 1 : 0;
    }

    private double ageSeconds(String peer, String medium) {
        PeerState p = peer(peer);
        Long last = p == null ? null : p.lastByMedium().get(medium);
        return last == null ? Double.NaN : (clock.monotonicNanos() - last) / 1e9;
    }
}
