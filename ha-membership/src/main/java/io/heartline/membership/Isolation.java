package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.journal.RecordKind;

/**
 * A node whose own side of every medium is down (no carrier on each heartbeat interface, every
 * serial device gone) is the one cut off, whatever its peers do: keepalived's
 * {@code track_interface}, heartbeat's ipfail. It claims nothing, and it stops the groups it holds
 * at once, because its peers cannot hear it and will claim them after deadtime. A term it could
 * have started while cut off therefore never exists to win over the healthy node's when the link
 * returns; the group comes back here only by the failback rules.
 */
final class Isolation {
    private Isolation() {
    }

    /**
     * Every configured medium is down on our side, with fencing off. With fencing on the fence race
     * decides who runs the groups, as before: when a switch dies both nodes lose carrier at once, and
     * standing down on both sides would leave the groups with no owner (FencingIT).
     */
    static boolean cut(Step s, DeciderSettings cfg) {
        return !cfg.fencing() && !cfg.media().isEmpty() && s.localMediaDown.keySet().containsAll(cfg.media());
    }

    /**
     * After a medium's health changed: journal the start of the isolation once, and its end, from
     * which the node listens as at a start before it claims anything (REJOIN_WINDOW): the peers it
     * declared dead while cut off are most likely alive, one of them running its groups.
     */
    static void watch(Step s, DeciderSettings cfg, boolean wasCut) {
        boolean cut = cut(s, cfg);
        if (cut && !wasCut) {
            s.record(RecordKind.ISOLATED, null, "every medium of ours is down (" + String.join(", ", s.localMediaDown.keySet())
                    + "): this node is cut off; it claims nothing and stops what it holds, since its peers will take over",
                    "media", String.join(",", s.localMediaDown.keySet()));
        } else if (wasCut && !cut) {
            s.rejoinedAt = s.at;
            s.record(RecordKind.REJOINED, null, "a medium of ours is up again: this node listens for "
                    + Liveness.ms(rejoinNanos(cfg)) + " ms (as at a start: the longer of deadtime and initdead), or until it has"
                    + " heard every peer twice, before it claims anything", "listen_ms", Liveness.ms(rejoinNanos(cfg)));
        }
    }

    /**
     * How long a node that comes back listens before it claims, as at a start: its peers' silence
     * was its own, and a medium may need a while to carry beacons again (a JGroups channel after a
     * carrier flap took longer than the fast profile's deadtime in FlappingLinkFaultIT).
     */
    static long rejoinNanos(DeciderSettings cfg) {
        return Math.max(cfg.deadNanos(), cfg.initdeadNanos());
    }

    /** REJOIN_WINDOW: no claim within {@link #rejoinNanos} of coming back, unless every peer has been heard anew since. */
    static boolean rejoining(Step s, DeciderSettings cfg) {
        return s.rejoinedAt != Long.MIN_VALUE && s.at - s.rejoinedAt < rejoinNanos(cfg)
                && !s.peers.values().stream().allMatch(p -> p.freshlyHeard() && p.lastHeard() >= s.rejoinedAt);
    }

    /**
     * REJOIN_WINDOW ends for good once every peer has been heard anew (or the window has passed):
     * the media carry beacons again, so a peer that goes silent after that is a failure like any
     * other, taken over at deadtime. Without this a healthy node that had rejoined a few seconds
     * before could not claim the group its flapping peer let go (FlappingLinkFaultIT: the client
     * failed for the whole second the peer's cable was out).
     */
    static void settleRejoin(Step s, DeciderSettings cfg) {
        if (s.rejoinedAt != Long.MIN_VALUE && !rejoining(s, cfg)) {
            s.rejoinedAt = Long.MIN_VALUE;
        }
    }

    /** RELEASE_ISOLATED: stop every group held here while cut off; the term stays ours, the group goes to STANDBY. */
    static void releaseIfCut(Step s, DeciderSettings cfg) {
        if (!cut(s, cfg) || s.maintenance || s.shuttingDown) {
            return;
        }
        for (GroupView g : s.groups.values().stream().toList()) {
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.release() == null) {
                OwnershipRules.release(s, g.name(), new Release("", "cut off: every medium of ours is down ("
                        + String.join(", ", s.localMediaDown.keySet()) + "); the peers will take the group", false, false));
            }
        }
    }
}
