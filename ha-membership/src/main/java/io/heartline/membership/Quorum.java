package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.journal.RecordKind;

/**
 * Quorum in clusters of three or more nodes (two-node clusters always pass: their tie-break is
 * fencing or the operator's choice of running without it). Pacemaker's {@code no-quorum-policy=stop}:
 *
 * <ul>
 *   <li>a majority of the configured nodes (this one included) must be alive before this node
 *       claims a group;</li>
 *   <li>a node that loses quorum stops the groups it holds: the peers it lost may be a majority
 *       that is about to claim them. It loses quorum at most {@code deadtime} after it was cut off,
 *       so its stop starts by then;</li>
 *   <li>with fencing off, the majority claims only once that stop is done: every silent peer has
 *       been silent for the release window ({@link #windowNanos}: twice the deadtime) since the
 *       later of its last beacon and this node's start, and quorum came back (after a loss) at
 *       least that long ago, so a node that rejoins hears every reachable peer, the running owner
 *       included, before it claims. With fencing on the fence does this job.</li>
 * </ul>
 */
final class Quorum {
    private Quorum() {
    }

    static boolean has(Step s, DeciderSettings cfg) {
        if (cfg.clusterSize() <= 2) {
            return true;
        }
        return alive(s) * 2 > cfg.clusterSize();
    }

    private static long alive(Step s) {
        return 1 + s.peers.values().stream().filter(PeerState::alive).count();
    }

    /**
     * Journals the loss of quorum once (not on every tick while it lasts), once INIT is over, and
     * notes when it comes back (the release window counts from then).
     */
    static void watch(Step s, DeciderSettings cfg) {
        boolean has = has(s, cfg);
        if (has) {
            if (!s.quorate) {
                s.quorumSince = s.at;
            }
            s.quorate = true;
            return;
        }
        if (!s.quorate || s.groups.values().stream().anyMatch(g -> g.state() == GroupState.INIT)) {
            return;
        }
        s.quorate = false;
        boolean holds = s.groups.values().stream().anyMatch(g -> g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING);
        s.record(RecordKind.NO_QUORUM, null, "only " + alive(s) + " of " + cfg.clusterSize()
                + " nodes alive (this one included), fewer than a majority: no group is claimed here"
                + (holds && !s.maintenance ? ", and the groups held here are stopped (no-quorum-policy=stop)" : ""),
                "alive", alive(s), "nodes", cfg.clusterSize());
    }

    /**
     * RELEASE_NO_QUORUM: without quorum (3+ nodes), every group this node runs or starts is
     * stopped; the term stays ours, so nobody learns a new owner from us, and the group goes to
     * STANDBY here (not FAULT, even with fencing on: nothing failed).
     */
    static void releaseIfLost(Step s, DeciderSettings cfg) {
        if (has(s, cfg) || s.maintenance || s.shuttingDown) {
            return;
        }
        for (GroupView g : s.groups.values().stream().toList()) {
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.release() == null) {
                OwnershipRules.release(s, g.name(), new Release("", "no quorum: only " + alive(s) + " of " + cfg.clusterSize()
                        + " nodes alive; stopping so that the majority can take the group", false, false));
            }
        }
    }

    /** The release window: a minority owner has deadtime to notice and deadtime to stop. */
    static long windowNanos(DeciderSettings cfg) {
        return 2 * cfg.deadNanos();
    }

    /**
     * CLAIM_AFTER_WINDOW: with fencing off in 3+ nodes, true once every silent peer (which may be
     * a minority owner still stopping) has had the release window, and quorum has been back for it.
     */
    static boolean windowOver(Step s, DeciderSettings cfg) {
        if (cfg.clusterSize() <= 2 || cfg.fencing()) {
            return true;
        }
        long window = windowNanos(cfg);
        if (s.quorumSince != Long.MIN_VALUE && s.at - s.quorumSince < window) {
            return false;
        }
        for (PeerState p : s.peers.values()) {
            if (!p.alive() && s.at - Math.max(p.lastHeard(), s.startedAt) < window) {
                return false;
            }
        }
        return true;
    }
}
