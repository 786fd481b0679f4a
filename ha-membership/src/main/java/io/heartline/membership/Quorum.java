package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.journal.RecordKind;

/**
 * Quorum in clusters of three or more nodes: a majority of the configured nodes (this one
 * included) must be alive before this node claims a group. Two-node clusters always pass (their
 * tie-break is fencing or the operator's choice of running without it).
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

    /** Journals the loss of quorum once (not on every tick while it lasts), once INIT is over. */
    static void watch(Step s, DeciderSettings cfg) {
        boolean has = has(s, cfg);
        if (has) {
            s.quorate = true;
            return;
        }
        if (!s.quorate || s.groups.values().stream().anyMatch(g -> g.state() == GroupState.INIT)) {
            return;
        }
        s.quorate = false;
        s.record(RecordKind.NO_QUORUM, null, "only " + alive(s) + " of " + cfg.clusterSize()
                + " nodes alive (this one included), fewer than a majority: no group is claimed here",
                "alive", alive(s), "nodes", cfg.clusterSize());
    }
}
