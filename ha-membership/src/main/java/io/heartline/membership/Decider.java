package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decider: a pure function {@code (state, event) -> (state, actions)}. It reads no clock, does
 * no I/O and keeps nothing between calls; the event loop owns the state and carries out the
 * actions. Every failover rule lives behind {@link #apply}, tested on scenario files in virtual time.
 *
 * <p>After each event the same reconciliation runs for every group: end INIT, answer handoff
 * requests, fail back, claim orphans, settle pending commands, finish a shutdown.
 */
public final class Decider {
    /** The new state and what to do, in order. */
    public record Result(ClusterState state, List<Action> actions) {
    }

    /**
     * Ticks come at least this often; liveness deadlines between them get a tick of their own
     * ({@link #nextTick}), so detection does not wait for the next period.
     */
    public static final long COARSE_TICK_NANOS = 50_000_000L;

    private final DeciderSettings cfg;

    public Decider(DeciderSettings cfg) {
        this.cfg = cfg;
    }

    public DeciderSettings settings() {
        return cfg;
    }

    /** The state at start: every group in INIT with the term kept on disk; no peer heard yet. */
    public ClusterState initial(Map<String, Ownership> persisted, long at) {
        return initial(persisted, at, false);
    }

    /** As {@link #initial(Map, long)}, in standby when the operator left this node so before a restart. */
    public ClusterState initial(Map<String, Ownership> persisted, long at, boolean standby) {
        Map<NodeId, PeerState> peers = new TreeMap<>();
        cfg.priorities().keySet().stream().filter(n -> !n.equals(cfg.self()))
                .forEach(n -> peers.put(n, PeerState.unknown(n)));
        Map<String, GroupView> groups = new TreeMap<>();
        for (String g : cfg.groups()) {
            groups.put(g, new GroupView(g, GroupState.INIT, persisted.getOrDefault(g, Ownership.NONE), at, null, -1));
        }
        return new ClusterState(cfg.self(), at, Long.MIN_VALUE, peers, groups, List.of(), Map.of(), java.util.Set.of(),
                Map.of(), false, false, standby, false, true, Long.MIN_VALUE, at, Long.MIN_VALUE, Long.MIN_VALUE,
                Map.of(), TiebreakState.NONE);
    }

    /**
     * When the event loop must tick next (monotonic ns), if nothing else happens before: the
     * earliest liveness deadline, and at least every {@link #COARSE_TICK_NANOS}. A pure function of
     * the state, so the loop sleeps between deadlines instead of ticking on a fixed short period.
     */
    public long nextTick(ClusterState state) {
        return Liveness.nextTick(state, cfg);
    }

    public Result apply(ClusterState state, Event event) {
        Step s = new Step(state, event.at());
        if (event instanceof Event.Tick t) {
            Liveness.tick(s, cfg, t);
        } else if (event instanceof Event.PeerBeacon b) {
            beacon(s, b);
        } else if (event instanceof Event.GroupStarted e) {
            OwnershipRules.started(s, cfg, e);
        } else if (event instanceof Event.GroupStopped e) {
            OwnershipRules.stopped(s, e.group(), e.ok(), e.detail());
        } else if (event instanceof Event.Failover f) {
            Commands.failover(s, cfg, f);
        } else if (event instanceof Event.Standby e) {
            Modes.standby(s, cfg, e);
        } else if (event instanceof Event.Maintenance e) {
            Modes.maintenance(s, e);
        } else if (event instanceof Event.Shutdown) {
            shutdown(s);
        } else if (event instanceof Event.ResourceFailed r) {
            OwnershipRules.resourceFailed(s, cfg, r);
        } else if (event instanceof Event.Cleanup c) {
            Commands.cleanup(s, c);
        } else if (event instanceof Event.FenceDone f) {
            Fencing.done(s, cfg, f);
        } else if (event instanceof Event.MediaOpen) {
            mediaOpen(s);
        } else if (event instanceof Event.ProbeAnswer a) {
            Detection.answer(s, cfg, a);
        } else if (event instanceof Event.DuplicateVip d) {
            DuplicateVips.seen(s, cfg, d);
        } else if (event instanceof Event.InterfaceHealth h) {
            InterfaceTracking.health(s, h);
        } else if (event instanceof Event.PingNodes p) {
            Tiebreak.ping(s, p);
        } else if (event instanceof Event.WitnessAnswer w) {
            Witnessing.answer(s, cfg, w);
        } else if (event instanceof Event.WitnessLost w) {
            Witnessing.lost(s, cfg, w);
        } else if (event instanceof Event.MediumHealth h) {
            boolean wasCut = Isolation.cut(s, cfg);
            Liveness.mediumHealth(s, h);
            Isolation.watch(s, cfg, wasCut);
        }
        reconcile(s);
        return s.result();
    }

    private void beacon(Step s, Event.PeerBeacon b) {
        PeerState before = s.peers.get(b.from());
        if (before == null) {
            return; // not a configured peer: the medium already rejects these; never act on one
        }
        String peer = b.from().name();
        if (!before.alive()) {
            s.record(RecordKind.PEER_ALIVE, null, "valid beacon on " + b.medium(), "peer", peer, "medium", b.medium());
            if (s.partitioned.remove(b.from())) {
                s.record(RecordKind.PARTITION_HEALED, null, peer + " is heard again on " + b.medium()
                        + ": it was alive, apart from us", "peer", peer, "medium", b.medium());
            }
        } else if (b.incarnation() > before.incarnation()) {
            s.record(RecordKind.PEER_RESTARTED, null, "new incarnation " + b.incarnation(), "peer", peer);
        }
        if (before.linksDown().contains(b.medium())) {
            s.record(RecordKind.LINK_UP, null, "beacons from " + peer + " on " + b.medium() + " again", "peer", peer,
                    "medium", b.medium());
        }
        Fencing.heard(s, b.from());
        Detection.heardAgain(s, before, b.medium());
        if (s.tiebreak.crashed().contains(b.from())) {
            s.tiebreak = s.tiebreak.withCrashed(b.from(), false);
        }
        boolean news = before.isNews(b.incarnation(), b.seq());
        s.peers.put(b.from(), before.heard(b.at(), b.medium(), b.incarnation(), b.seq(), b.adverts(), b.requests(),
                b.heard()));
        if (!news) {
            return; // STALE_ADVERT: overtaken in flight (or a copy from another medium): alive, nothing to learn
        }
        if (b.heard() != null) { // CLAIM_AGREED: a peer it hears may still count it in its own quorum
            for (NodeId other : b.heard()) {
                PeerState p = other.equals(b.from()) ? null : s.peers.get(other);
                if (p != null) {
                    s.peers.put(other, p.vouched(b.at()));
                }
            }
        }
        for (GroupAdvert a : b.adverts()) {
            OwnershipRules.learn(s, cfg, peer, a);
        }
    }

    /** Every medium is open: initdead counts from now (END_INIT). */
    private void mediaOpen(Step s) {
        if (s.listeningSince == Long.MIN_VALUE) {
            s.listeningSince = s.at;
            s.record(RecordKind.MEDIA_OPEN, null, "every medium is open and listening"
                    + (cfg.initdeadNanos() > 0 ? ": initdead (" + Liveness.ms(cfg.initdeadNanos()) + " ms) counts from now" : ""),
                    "opening_ms", Liveness.ms(s.at - s.startedAt));
        }
    }

    private void shutdown(Step s) {
        if (s.shuttingDown) {
            return;
        }
        if (s.maintenance) {
            s.record(RecordKind.SHUTDOWN, null, "shutdown requested in maintenance: every resource is left as it is");
            s.shuttingDown = true;
            return;
        }
        s.record(RecordKind.SHUTDOWN, null, "shutdown requested: releasing every group");
        for (GroupView g : s.groups.values().stream().toList()) {
            if (g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) {
                String target = Candidates.bestOther(s, cfg, g.name(), s.me()).orElse("");
                OwnershipRules.release(s, g.name(), new Release(target, "shutdown", true, false));
            }
        }
        s.shuttingDown = true;
    }

    private void reconcile(Step s) {
        Isolation.settleRejoin(s, cfg); // REJOIN_WINDOW
        Liveness.endInit(s, cfg);
        Modes.settle(s);
        if (!s.maintenance) {
            InterfaceTracking.moveAway(s, cfg); // VIP_LINK_DOWN
            Quorum.watch(s, cfg);
            Quorum.releaseIfLost(s, cfg); // RELEASE_NO_QUORUM
            Isolation.releaseIfCut(s, cfg); // RELEASE_ISOLATED
            Tiebreak.watch(s, cfg);
            Tiebreak.releaseIfPingLost(s, cfg); // RELEASE_PING_LOST
            for (String group : cfg.groups()) {
                OwnershipRules.answerRequests(s, cfg, group);
                OwnershipRules.failback(s, cfg, group);
                OwnershipRules.claimIfOrphaned(s, cfg, group);
            }
            Witnessing.keep(s, cfg); // KEEP_WITNESSED
            Witnessing.settle(s, cfg); // RELEASE_WITNESSED, LEAVE_WITNESS
            Fencing.protect(s, cfg);
        }
        Commands.settle(s);
        if (s.shuttingDown && !s.shutdownDone
                && (s.maintenance || s.groups.values().stream().noneMatch(g -> g.state().holds()))) {
            s.shutdownDone = true;
            s.act(new Action.ShutdownComplete());
        }
    }
}
