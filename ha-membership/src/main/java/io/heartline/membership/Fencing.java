package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.NodeId;

/**
 * Fencing in the decider: with fencing on, a group is claimed only when every peer that is not
 * alive has been fenced (confirmed off), so a partition never ends with two owners. Fence only
 * where needed (only when about to claim), never twice at once, with a fixed delay on the less
 * preferred node so that exactly one side wins a fence race, and retries with backoff on failure.
 */
final class Fencing {
    private Fencing() {
    }

    /** True when nothing stands in the way of a claim; otherwise starts or advances fencing and returns false. */
    static boolean cleared(Step s, DeciderSettings cfg, String why) {
        if (!cfg.fencing()) {
            return true;
        }
        boolean all = true;
        for (PeerState p : s.peers.values()) {
            if (!p.alive()) {
                all &= advance(s, cfg, p.id(), why);
            }
        }
        return all;
    }

    /**
     * A node that holds groups fences a peer it lost, so that the peer (perhaps alive, cut off)
     * cannot take them: with the fence delay on the less preferred node, the preferred node wins
     * the race and the service stays where it is.
     */
    static void protect(Step s, DeciderSettings cfg) { // FENCE_PROTECT
        if (!cfg.fencing() || s.shuttingDown || s.groups.values().stream().noneMatch(g -> g.state().holds())) {
            return;
        }
        for (PeerState p : s.peers.values()) {
            if (!p.alive() && p.lastHeard() != PeerState.NEVER) {
                advance(s, cfg, p.id(), p.id() + " fell silent while we hold groups");
            }
        }
    }

    /** Fences a live peer that must not keep running (its resources would not stop). */
    static void fenceAlive(Step s, DeciderSettings cfg, NodeId peer, String why) {
        advance(s, cfg, peer, why);
    }

    /** Moves one silent peer's fencing along; true once it is fenced. */
    private static boolean advance(Step s, DeciderSettings cfg, NodeId peer, String why) { // FENCE (the delay on less preferred nodes)
        FenceState f = s.fencing.get(peer);
        if (f == null) {
            if (cfg.fenceDelayNanos() > 0) {
                s.fencing.put(peer, new FenceState(FenceState.Phase.DELAYED, s.at, s.at + cfg.fenceDelayNanos(), 0, why));
                s.record(RecordKind.FENCE_DELAYED, null, "fencing " + peer + " in " + cfg.fenceDelayNanos() / 1_000_000 + " ms ("
                        + why + "); a more preferred node fences at once", "peer", peer.name());
                return false;
            }
            run(s, peer, 1, why);
            return false;
        }
        switch (f.phase()) {
            case FENCED:
                return true;
            case DELAYED:
            case FAILED:
                if (s.at >= f.nextAt()) {
                    run(s, peer, f.attempts() + 1, why);
                }
                return false;
            default:
                return false;
        }
    }

    private static void run(Step s, NodeId peer, int attempt, String why) {
        s.fencing.put(peer, new FenceState(FenceState.Phase.RUNNING, s.at, 0, attempt, why));
        s.record(RecordKind.FENCE_REQUESTED, null, "fencing " + peer + " before claiming its groups: " + why
                + (attempt > 1 ? " (attempt " + attempt + ")" : ""), "peer", peer.name(), "attempt", attempt);
        s.act(new Action.FencePeer(peer, why));
    }

    /** The fence agent's answer. */
    static void done(Step s, DeciderSettings cfg, Event.FenceDone e) {
        FenceState f = s.fencing.get(e.node());
        int attempts = f == null ? 1 : f.attempts();
        if (e.ok()) {
            s.fencing.put(e.node(), new FenceState(FenceState.Phase.FENCED, s.at, 0, attempts, e.detail()));
            s.record(RecordKind.FENCE_OK, null, e.node() + " is fenced: " + e.detail(), "peer", e.node().name(), "attempt", attempts);
            PeerState p = s.peers.get(e.node());
            if (p != null && p.alive()) {
                s.peers.put(e.node(), p.dead()); // confirmed off: no need to wait out its deadtime
            }
            return;
        }
        long backoff = cfg.fenceRetry().delayNanos(attempts);
        s.fencing.put(e.node(), new FenceState(FenceState.Phase.FAILED, s.at, s.at + backoff, attempts, e.detail()));
        s.record(RecordKind.FENCE_FAILED, null, "fencing " + e.node() + " failed: " + e.detail() + "; no takeover; retry in "
                + backoff / 1_000_000 + " ms", "peer", e.node().name(), "attempt", attempts);
    }

    /** A peer is heard again: a pending fence is called off; a fenced one has come back (rebooted). */
    static void heard(Step s, NodeId peer) { // FENCE_CANCEL
        FenceState f = s.fencing.get(peer);
        if (f == null || f.phase() == FenceState.Phase.RUNNING) {
            return;
        }
        s.fencing.remove(peer);
        if (f.phase() == FenceState.Phase.FENCED) {
            s.record(RecordKind.FENCED_PEER_BACK, null, peer + " is heard again after being fenced", "peer", peer.name());
        } else {
            s.record(RecordKind.FENCE_CANCELLED, null, peer + " is heard again: not fencing it", "peer", peer.name());
        }
    }
}
