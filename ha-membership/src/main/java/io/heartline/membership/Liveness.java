package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import java.util.Map;

/**
 * Tick rules: pause detection, late beacons, dead peers, the end of initdead. A peer is dead when no
 * valid beacon came on any medium for {@code deadtime}, or sooner when the two-stage detector
 * confirms it ({@link Detection}).
 */
final class Liveness {
    private Liveness() {
    }

    /**
     * A stall is a tick that came later than it was due, or ticks further apart than the coarse
     * tick period allows: either way this node itself was not running.
     */
    static void tick(Step s, DeciderSettings cfg, Event.Tick t) {
        long gap = s.lastTick == Long.MIN_VALUE ? 0 : s.at - s.lastTick;
        long stall = Math.max(t.at() - t.due(), gap - Decider.COARSE_TICK_NANOS);
        s.lastTick = s.at;
        if (stall > cfg.pauseNanos()) {
            // This node was stalled: beacons may be queued behind this tick. Do not convict peers of our own silence,
            // and do not act on what they said before it (FRESH_VIEW): they may have taken a group meanwhile.
            for (Map.Entry<NodeId, PeerState> e : s.peers.entrySet()) {
                e.setValue(e.getValue().shifted(stall).unheard());
            }
            s.record(RecordKind.PAUSE_DETECTED, null, "event loop stalled for " + ms(stall) + " ms (GC, frozen VM or SIGSTOP); "
                    + "peers get a fresh grace period", "stalled_ms", ms(stall));
        }
        for (Map.Entry<NodeId, PeerState> e : s.peers.entrySet()) {
            PeerState p = e.getValue();
            if (!p.alive()) {
                continue;
            }
            long silence = s.at - p.lastHeard();
            if (silence >= cfg.deadNanos()) { // PEER_DEAD
                e.setValue(p.dead());
                peerDead(s, p, "no valid beacon on any medium for " + ms(silence) + " ms (deadtime " + ms(cfg.deadNanos())
                        + " ms)", "deadtime", silence);
            } else {
                if (silence >= cfg.warnNanos() && !p.late()) {
                    p = p.warnedLate();
                    e.setValue(p);
                    s.record(RecordKind.LATE_BEACON, null, "no beacon for " + ms(silence) + " ms (warntime " + ms(cfg.warnNanos())
                            + " ms)", "peer", p.id().name(), "silent_ms", ms(silence));
                }
                e.setValue(Detection.tick(s, cfg, linksDown(s, cfg, p)));
            }
        }
    }

    /**
     * Dead: silent on every medium for deadtime, or confirmed by a probe ({@code stage}: deadtime,
     * port-closed, no-kernel-answer; {@link Detection}). If one of our own media is down too, we
     * cannot tell a dead peer from a cut-off one: say so (without fencing, both may now own the groups).
     */
    static void peerDead(Step s, PeerState p, String cause, String stage, long silence) {
        String peer = p.id().name();
        s.record(RecordKind.PEER_DEAD, null, cause, "peer", peer, "silent_ms", ms(silence), "stage", stage);
        if (!s.localMediaDown.isEmpty()) {
            s.partitioned.add(p.id());
            s.record(RecordKind.PARTITION, null, peer + " fell silent while our own media are down (" + s.localMediaDown
                    + "): it may be alive and cut off from us; without fencing both may own its groups", "peer", peer,
                    "local_media_down", String.join(",", s.localMediaDown.keySet()));
        }
    }

    /** A live peer silent on one medium for deadtime: that link is down, the cluster degraded. */
    private static PeerState linksDown(Step s, DeciderSettings cfg, PeerState p) {
        for (String medium : cfg.media()) {
            if (p.linksDown().contains(medium)) {
                continue;
            }
            Long last = p.lastByMedium().get(medium);
            long silent = s.at - (last == null ? p.aliveSince() : last);
            if (silent >= cfg.deadNanos()) {
                p = p.withLinkDown(medium);
                s.record(RecordKind.LINK_DOWN, null, "no beacon from " + p.id().name() + " on " + medium + " for " + ms(silent)
                        + " ms while other media still carry them: degraded, no takeover", "peer", p.id().name(),
                        "medium", medium, "silent_ms", ms(silent));
            }
        }
        return p;
    }

    /**
     * When the next tick is needed: the earliest liveness deadline (a late warning, a death, a
     * link down), or one coarse period after the last tick for the slower rules.
     */
    static long nextTick(ClusterState s, DeciderSettings cfg) {
        if (s.lastTick() == Long.MIN_VALUE) {
            return s.startedAt();
        }
        long next = s.lastTick() + Decider.COARSE_TICK_NANOS;
        for (PeerState p : s.peers().values()) {
            if (!p.alive()) {
                continue;
            }
            next = Math.min(next, p.lastHeard() + (p.late() ? cfg.deadNanos() : cfg.warnNanos()));
            next = Detection.nextTick(cfg, p, next);
            for (String medium : cfg.media()) {
                if (!p.linksDown().contains(medium)) {
                    Long last = p.lastByMedium().get(medium);
                    next = Math.min(next, (last == null ? p.aliveSince() : last) + cfg.deadNanos());
                }
            }
        }
        if (s.claimHoldUntil() != Long.MIN_VALUE) {
            next = upcoming(next, s.claimHoldUntil(), s.lastTick()); // the retry of a claim that could not write its epoch
        }
        if (s.rejoinedAt() != Long.MIN_VALUE) {
            next = upcoming(next, s.rejoinedAt() + Isolation.rejoinNanos(cfg), s.lastTick()); // the end of Isolation.rejoining
        }
        next = Tiebreak.nextTick(s, cfg, next);
        if (cfg.clusterSize() > 2 && !cfg.fencing()) {
            // the end of the release window (Quorum.windowOver), so a claim waits no longer than it must
            long window = Quorum.windowNanos(cfg);
            if (s.quorumSince() != Long.MIN_VALUE) {
                next = upcoming(next, s.quorumSince() + window, s.lastTick());
            }
            for (PeerState p : s.peers().values()) {
                if (!p.alive()) {
                    next = upcoming(next, Quorum.silentSince(p, s.startedAt()) + window, s.lastTick());
                }
            }
        }
        return next;
    }

    /** {@code deadline} if it is still ahead (after {@code after}) and earlier than {@code next}. */
    private static long upcoming(long next, long deadline, long after) {
        return deadline > after ? Math.min(next, deadline) : next;
    }

    /** Our own side of a medium went down or came back. */
    static void mediumHealth(Step s, Event.MediumHealth h) {
        boolean wasDown = s.localMediaDown.containsKey(h.medium());
        if (!h.up() && !wasDown) {
            s.localMediaDown.put(h.medium(), h.detail());
            s.record(RecordKind.MEDIUM_DOWN, null, h.detail(), "medium", h.medium());
        } else if (h.up() && wasDown) {
            s.localMediaDown.remove(h.medium());
            s.record(RecordKind.MEDIUM_UP, null, h.detail(), "medium", h.medium());
        }
    }

    /**
     * INIT ends, once every medium is open ({@link Event.MediaOpen}), as soon as every peer has been
     * heard {@link PeerState#FRESH} times (a decision on fresh adverts, at once, instead of waiting out
     * initdead), or once initdead has passed since the media opened, not since the daemon started.
     */
    static void endInit(Step s, DeciderSettings cfg) { // END_INIT
        if (s.groups.values().stream().noneMatch(g -> g.state() == GroupState.INIT)) {
            return;
        }
        boolean listening = s.listeningSince != Long.MIN_VALUE;
        // Only once our own media are open: before that our beacons do not go out, and a peer that heard us once
        // (a beacon a transition sent) declares us dead while we claim (a cold start on a loaded machine did).
        boolean allHeard = listening && s.peers.values().stream().allMatch(PeerState::freshlyHeard);
        boolean over = listening && s.at - s.listeningSince >= cfg.initdeadNanos();
        if (!allHeard && !over) {
            return;
        }
        String cause = allHeard ? "every peer heard" : "initdead (" + ms(cfg.initdeadNanos()) + " ms) over since the media opened";
        for (GroupView g : s.groups.values().stream().toList()) {
            if (g.state() == GroupState.INIT) {
                s.transition(g.name(), GroupInput.INIT_DONE, cause);
            }
        }
    }

    static long ms(long nanos) {
        return nanos / 1_000_000L;
    }
}
