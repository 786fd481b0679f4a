package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.journal.RecordKind;

/**
 * Ping nodes ({@code ping-nodes}, heartbeat's ipfail, Pacemaker's ping resource): the side of a
 * partition that still reaches the gateway wins.
 * <ul>
 *   <li>PING_LOST: a node whose newest echo reply from any ping node is older than deadtime (or
 *       that has had none since it started) claims nothing, and stops what it holds
 *       (RELEASE_PING_LOST, self-demotion): its peers may reach the gateway and take over;</li>
 *   <li>CLAIM_AFTER_PAIR_WINDOW: in a pair without fencing or witness, the claim of a silent
 *       peer's group waits the release window (twice the deadtime) after it fell silent, so that
 *       an owner cut off from the gateway has stopped first. A peer whose daemon was confirmed dead
 *       (its probe port closed) needs no window: it holds nothing any more.</li>
 *   <li>PING_BACK_WINDOW: a node whose ping nodes answer again after it lost them all claims no
 *       silent peer's group for the same window after that: the peer may have kept the gateway,
 *       and the group, the whole time, and is then stopping only if it has just lost the gateway
 *       itself (a partition that heals and cuts the other way within a deadtime: 1 of 20 runs of
 *       PingNodeTieBreakIT had 380 ms of two holders before this rule).</li>
 * </ul>
 * If the gateway itself dies every node loses it and every group stops: with ping nodes the
 * service needs the gateway (docs/configuration.md, "Tie-breaks").
 */
final class Tiebreak {
    private Tiebreak() {
    }

    /** PING_LOST: ping nodes are configured and none answered for deadtime (or none yet). */
    static boolean pingLost(Step s, DeciderSettings cfg) {
        if (!cfg.pingNodes()) {
            return false;
        }
        long answer = s.tiebreak.pingAnswerAt();
        return answer == Long.MIN_VALUE || s.at - answer >= cfg.deadNanos();
    }

    /** A ping round's result. */
    static void ping(Step s, Event.PingNodes e) {
        long known = s.tiebreak.pingAnswerAt();
        if (e.lastAnswerAt() != Long.MIN_VALUE && (known == Long.MIN_VALUE || e.lastAnswerAt() > known)) {
            s.tiebreak = s.tiebreak.withPing(e.lastAnswerAt(), s.tiebreak.pingLost());
        }
    }

    /** Journals the loss of every ping node once (after INIT), and its end. */
    static void watch(Step s, DeciderSettings cfg) {
        boolean lost = pingLost(s, cfg);
        if (lost && !s.tiebreak.pingLost() && s.groups.values().stream().noneMatch(g -> g.state() == GroupState.INIT)) {
            long answer = s.tiebreak.pingAnswerAt();
            s.tiebreak = s.tiebreak.withPing(answer, true);
            s.record(RecordKind.PING_LOST, null, (answer == Long.MIN_VALUE ? "no ping node has answered since the start"
                    : "no ping node answered for " + Liveness.ms(s.at - answer) + " ms") + " (deadtime "
                    + Liveness.ms(cfg.deadNanos()) + " ms): this node claims nothing and stops what it holds",
                    "silent_ms", answer == Long.MIN_VALUE ? -1 : Liveness.ms(s.at - answer));
        } else if (!lost && s.tiebreak.pingLost()) {
            s.tiebreak = s.tiebreak.withPingBack(s.at);
            s.record(RecordKind.PING_BACK, null, "a ping node answers again" + (pairWindow(cfg)
                    ? "; no claim over a silent peer for " + Liveness.ms(Quorum.windowNanos(cfg)) + " ms (the peer may"
                    + " have kept the gateway, and the group, all along)" : ""));
        }
    }

    /** RELEASE_PING_LOST: stop every group held here; the term stays ours, the group goes to STANDBY. */
    static void releaseIfPingLost(Step s, DeciderSettings cfg) {
        if (!pingLost(s, cfg) || s.maintenance || s.shuttingDown) {
            return;
        }
        for (GroupView g : s.groups.values().stream().toList()) {
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.release() == null) {
                OwnershipRules.release(s, g.name(), new Release("", "no ping node answered for deadtime: this side of a"
                        + " partition may be the one cut off from the gateway; the peers will take the group", false, false));
            }
        }
    }

    /** Whether a pair (fencing off, ping nodes, no witness) must wait the release window before claiming. */
    static boolean pairWindow(DeciderSettings cfg) {
        return cfg.clusterSize() <= 2 && !cfg.fencing() && cfg.pingNodes() && !cfg.witness();
    }

    /** CLAIM_AFTER_PAIR_WINDOW. */
    static boolean pairWindowOver(Step s, DeciderSettings cfg) {
        if (!pairWindow(cfg)) {
            return true;
        }
        long window = Quorum.windowNanos(cfg);
        boolean justBack = s.tiebreak.pingBackAt() != Long.MIN_VALUE && s.at - s.tiebreak.pingBackAt() < window;
        for (PeerState p : s.peers.values()) {
            if (p.alive() || s.tiebreak.crashed().contains(p.id())) {
                continue;
            }
            // PING_BACK_WINDOW: this side lost the gateway; the other may have kept it, and the group
            if (justBack || s.at - Quorum.silentSince(p, s.startedAt) < window) {
                return false;
            }
        }
        return true;
    }

    /** The next deadline of these rules: the loss of the ping nodes, the end of the pair window. */
    static long nextTick(ClusterState s, DeciderSettings cfg, long next) {
        if (cfg.pingNodes() && s.tiebreak().pingAnswerAt() != Long.MIN_VALUE) {
            long lostAt = s.tiebreak().pingAnswerAt() + cfg.deadNanos();
            if (lostAt > s.lastTick()) {
                next = Math.min(next, lostAt);
            }
        }
        if (pairWindow(cfg)) {
            long backOver = s.tiebreak().pingBackAt() == Long.MIN_VALUE ? Long.MIN_VALUE
                    : s.tiebreak().pingBackAt() + Quorum.windowNanos(cfg);
            if (backOver > s.lastTick()) {
                next = Math.min(next, backOver);
            }
            for (PeerState p : s.peers().values()) {
                long over = Quorum.silentSince(p, s.startedAt()) + Quorum.windowNanos(cfg);
                if (!p.alive() && over > s.lastTick()) {
                    next = Math.min(next, over);
                }
            }
        }
        return Witnessing.nextTick(s, cfg, next);
    }
}
