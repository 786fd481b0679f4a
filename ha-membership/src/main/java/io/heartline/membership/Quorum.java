package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
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
 *       later of its last beacon, the last beacon of another peer that listed it as heard, and
 *       this node's start, and quorum came back (after a loss) at least that long ago, so a node
 *       that rejoins hears every reachable peer, the running owner included, before it claims.
 *       With fencing on the fence does this job.</li>
 * </ul>
 *
 * <p>Counting live peers needs a transitive view, which a cut link or a one-way partition breaks
 * (docs/model.md, findings 4 and 5). So beacons say whom their sender holds alive, and:
 *
 * <ul>
 *   <li>MUTUAL_QUORUM: a peer counts only if it is alive here and its newest beacon lists this
 *       node (or says nothing: a daemon from before heard sets counts as it did);</li>
 *   <li>CLAIM_AGREED (fencing off): a silent owner's group is claimed only if no peer counted here
 *       lists the owner as heard. The owner may count that peer, so it may hold quorum still; its
 *       silence here counts, for the window, from the last beacon that listed it.</li>
 * </ul>
 *
 * <p>EVEN_SPLIT_WITNESSED: with a witness (fencing off), exactly half the nodes is neither a
 * majority nor a minority. Such a half stops nothing for want of quorum and may claim; the witness
 * breaks the tie group by group: a claim needs the group's lock (CLAIM_WITNESSED), and an owner
 * keeps its group until the witness gives it to the other half or cannot be reached
 * ({@link Witnessing#settle}). Without a witness a half is no quorum, as before.
 */
final class Quorum {
    private Quorum() {
    }

    static boolean has(Step s, DeciderSettings cfg) {
        if (cfg.clusterSize() <= 2) {
            return true;
        }
        return counted(s) * 2 > cfg.clusterSize();
    }

    /** EVEN_SPLIT_WITNESSED: exactly half the nodes (this one included) count, and the witness breaks the tie. */
    static boolean half(Step s, DeciderSettings cfg) {
        return cfg.clusterSize() > 2 && Witnessing.active(cfg) && counted(s) * 2 == cfg.clusterSize();
    }

    /** This node and every peer that counts towards its quorum (MUTUAL_QUORUM). */
    private static long counted(Step s) {
        return 1 + s.peers.values().stream().filter(p -> p.hears(s.self)).count(); // MUTUAL_QUORUM
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
        if (half(s, cfg)) {
            s.record(RecordKind.NO_QUORUM, null, counted(s) + " of " + cfg.clusterSize()
                    + " nodes alive and hearing this node (this one included), exactly half: the witness decides which half"
                    + " runs each group (a group is claimed or kept here only while this node holds its lock)",
                    "alive", counted(s), "nodes", cfg.clusterSize(), "witness", true);
            return;
        }
        boolean holds = s.groups.values().stream().anyMatch(g -> g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING);
        s.record(RecordKind.NO_QUORUM, null, "only " + counted(s) + " of " + cfg.clusterSize()
                + " nodes alive and hearing this node (this one included), fewer than a majority: no group is claimed here"
                + (holds && !s.maintenance ? ", and the groups held here are stopped (no-quorum-policy=stop)" : ""),
                "alive", counted(s), "nodes", cfg.clusterSize());
    }

    /**
     * RELEASE_NO_QUORUM: without quorum (3+ nodes), every group this node runs or starts is
     * stopped; the term stays ours, so nobody learns a new owner from us, and the group goes to
     * STANDBY here (not FAULT, even with fencing on: nothing failed).
     */
    static void releaseIfLost(Step s, DeciderSettings cfg) {
        if (has(s, cfg) || half(s, cfg) || s.maintenance || s.shuttingDown) {
            return; // a half with a witness: Witnessing.settle (EVEN_SPLIT_WITNESSED)
        }
        for (GroupView g : s.groups.values().stream().toList()) {
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.release() == null) {
                OwnershipRules.release(s, g.name(), new Release("", "no quorum: only " + counted(s) + " of " + cfg.clusterSize()
                        + " nodes alive and hearing this node; stopping so that the majority can take the group", false, false));
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
            if (!p.alive() && s.at - silentSince(p, s.startedAt) < window) {
                return false;
            }
        }
        return true;
    }

    /**
     * Since when a silent peer counts as silent for the window: the later of its last beacon here,
     * the last beacon of another peer that listed it as heard (CLAIM_AGREED: the peer may have
     * counted that one towards its quorum) and this node's start.
     */
    static long silentSince(PeerState p, long startedAt) {
        return Math.max(Math.max(p.lastHeard(), p.vouchedAt()), startedAt);
    }

    /**
     * CLAIM_AGREED: with fencing off in 3+ nodes, the group of a silent owner is claimed only if no
     * peer counted towards our quorum lists the owner as heard: that peer may count towards the
     * owner's quorum too (a cut link, finding 4), and the owner then keeps the group.
     */
    static boolean agreed(Step s, DeciderSettings cfg, GroupView g) {
        if (cfg.clusterSize() <= 2 || cfg.fencing() || !g.term().hasOwner() || g.term().ownedBy(s.me())) {
            return true;
        }
        NodeId owner = new NodeId(g.term().owner());
        PeerState o = s.peers.get(owner);
        if (o == null || o.alive()) {
            return true;
        }
        return s.peers.values().stream().noneMatch(p -> p.hears(s.self) && p.lists(owner));
    }
}
