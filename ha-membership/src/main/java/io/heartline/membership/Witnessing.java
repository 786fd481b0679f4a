package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.journal.RecordKind;
import io.heartline.membership.TiebreakState.WitnessView;

/**
 * The witness (a lock per group on ZooKeeper, {@code witness { }}), with fencing off: the node
 * that holds a group's lock may run it, the other may not (corosync-qdevice's role, on a
 * coordination service the site already runs). It is asked only when it matters, never per beacon:
 * <ul>
 *   <li>CLAIM_WITNESSED: a claim of a group needs the lock for the new epoch; while the witness
 *       denies it (the owner still holds it: alive, or its session has not expired yet) or cannot
 *       be reached, this node does not claim and asks again every deadtime. The lock of a peer
 *       whose daemon was confirmed dead (probe port closed) may be taken over at once;</li>
 *   <li>KEEP_WITNESSED: a node that runs a group holds its lock (asked right after every claim,
 *       and again after its witness session was lost);</li>
 *   <li>RELEASE_WITNESSED: an owner that hears no peer, or in 3+ nodes only half of them
 *       ({@link Quorum#half}, EVEN_SPLIT_WITNESSED), releases the group when the witness gives it
 *       to another node, or when the witness cannot be reached and no ping node confirms its side
 *       (self-demotion). While more peers are heard the ownership rules settle it, as without a
 *       witness;</li>
 *   <li>RELEASE_ON_LOST_SESSION: an owner in that situation whose witness session is lost releases
 *       at once ({@link #lost});</li>
 *   <li>a group no longer held here gives its lock back (LEAVE_WITNESS).</li>
 * </ul>
 * With the witness unreachable nobody claims: a witness outage during a failure leaves the
 * group where it was, or down (docs/configuration.md, "Tie-breaks").
 */
final class Witnessing {
    private Witnessing() {
    }

    static boolean active(DeciderSettings cfg) {
        return cfg.witness() && !cfg.fencing();
    }

    /** CLAIM_WITNESSED: whether the witness granted {@code epoch} of the group to this node; asks if not. */
    static boolean granted(Step s, DeciderSettings cfg, GroupView g, long epoch) {
        if (!active(cfg) || s.tiebreak.witness(g.name()).grantedEpoch() == epoch) {
            return true;
        }
        NodeId owner = g.term().hasOwner() ? new NodeId(g.term().owner()) : null;
        ask(s, cfg, g.name(), epoch, owner != null && s.tiebreak.crashed().contains(owner) ? owner : null);
        return false;
    }

    /** KEEP_WITNESSED: every group held here is held at the witness, for its epoch. */
    static void keep(Step s, DeciderSettings cfg) {
        if (!active(cfg) || s.maintenance) {
            return;
        }
        for (GroupView g : s.groups.values()) {
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.term().ownedBy(s.me())
                    && s.tiebreak.witness(g.name()).grantedEpoch() != g.term().epoch()) {
                ask(s, cfg, g.name(), g.term().epoch(), null);
            }
        }
    }

    /** One question per group and epoch at a time, again after deadtime without a grant. */
    private static void ask(Step s, DeciderSettings cfg, String group, long epoch, NodeId evict) {
        WitnessView v = s.tiebreak.witness(group);
        if (v.askedEpoch() == epoch && v.askedAt() != Long.MIN_VALUE && s.at - v.askedAt() < cfg.deadNanos()) {
            return;
        }
        s.act(new Action.AskWitness(group, epoch, evict));
        s.tiebreak = s.tiebreak.withWitness(group, new WitnessView(epoch, s.at, v.grantedEpoch(), v.holder(), null));
    }

    static void answer(Step s, DeciderSettings cfg, Event.WitnessAnswer a) {
        WitnessView v = s.tiebreak.witness(a.group());
        if (!active(cfg) || a.epoch() != v.askedEpoch()) {
            return; // not asked, or an answer to an older question
        }
        boolean granted = a.verdict() == Event.Witness.GRANTED;
        s.tiebreak = s.tiebreak.withWitness(a.group(), new WitnessView(v.askedEpoch(), granted ? v.askedAt() : s.at,
                granted ? a.epoch() : v.grantedEpoch(), a.holder() == null ? "" : a.holder(), a.verdict()));
        String what = switch (a.verdict()) {
            case GRANTED -> "the witness grants epoch " + a.epoch() + " to this node";
            case DENIED -> "the witness gives the group to " + a.holder() + ", not to this node";
            case UNREACHABLE -> "the witness cannot be reached; asking again in " + Liveness.ms(cfg.deadNanos()) + " ms";
        };
        s.record(RecordKind.WITNESS_ANSWER, a.group(), what + (a.detail() == null ? "" : " (" + a.detail() + ")"),
                "verdict", a.verdict().name().toLowerCase(java.util.Locale.ROOT), "epoch", a.epoch(), "holder",
                a.holder() == null ? "" : a.holder());
    }

    /**
     * The witness session is lost: every lock held here is, or is about to be, free for another
     * node. RELEASE_ON_LOST_SESSION: an owner that hears no peer, or only half the nodes, releases
     * its groups at once. Waiting for the answer to a new question (up to connect-timeout when the
     * ensemble is out of reach) let the other half get the lock and claim while this node still
     * ran the group (ZooKeeperWitnessIT, an even split: 421 ms with two holders). With more peers
     * heard the groups stay and ask again: the ownership rules settle them, as without a witness.
     */
    static void lost(Step s, DeciderSettings cfg, Event.WitnessLost e) {
        if (!active(cfg)) {
            return;
        }
        s.tiebreak = s.tiebreak.withoutGrants();
        String alone = alone(s, cfg);
        s.record(RecordKind.WITNESS_LOST, null, "the witness session was lost (" + e.detail() + "): every lock of this node"
                + " is gone; " + (alone != null && !s.maintenance ? "the groups held here are released (" + alone + ")"
                : "the groups held here ask again"));
        if (alone == null || s.maintenance || s.shuttingDown) {
            return;
        }
        for (GroupView g : s.groups.values().stream().toList()) {
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.release() == null
                    && g.term().ownedBy(s.me())) {
                OwnershipRules.release(s, g.name(), new Release("", alone + " and the witness session lost: releasing before the ensemble gives the lock to another node",
                        false, false)); // RELEASE_ON_LOST_SESSION
            }
        }
    }

    /** RELEASE_WITNESSED, and LEAVE_WITNESS for the groups no longer held here. */
    static void settle(Step s, DeciderSettings cfg) {
        if (!active(cfg) || s.maintenance) {
            return;
        }
        String side = alone(s, cfg);
        for (GroupView g : s.groups.values().stream().toList()) {
            WitnessView v = s.tiebreak.witness(g.name());
            if (g.state() == GroupState.ACTIVE && g.release() == null && side != null && !s.shuttingDown
                    && v.grantedEpoch() != g.term().epoch() && v.askedEpoch() == g.term().epoch()) {
                boolean denied = v.verdict() == Event.Witness.DENIED;
                boolean unconfirmed = v.verdict() == Event.Witness.UNREACHABLE && (!cfg.pingNodes() || Tiebreak.pingLost(s, cfg));
                if (denied || unconfirmed) {
                    OwnershipRules.release(s, g.name(), new Release("", denied
                            ? side + " and the witness gives the group to " + v.holder() + ": releasing"
                            : side + ", the witness cannot be reached and no ping node confirms this side: releasing"
                            + " (self-demotion)", false, false));
                }
            } else if (!g.state().holds() && v.grantedEpoch() != 0) {
                // a grant the claim did not use (something changed between question and answer) is given back too
                s.act(new Action.LeaveWitness(g.name())); // LEAVE_WITNESS
                s.tiebreak = s.tiebreak.withWitness(g.name(), WitnessView.NONE);
            }
        }
    }

    /**
     * Why the ownership rules cannot settle a group here without the witness: "no peer heard", or
     * "only half the nodes heard" (EVEN_SPLIT_WITNESSED); null while more peers are heard.
     */
    private static String alone(Step s, DeciderSettings cfg) {
        if (Quorum.half(s, cfg)) {
            return "only half the nodes heard";
        }
        return s.peers.values().stream().noneMatch(PeerState::alive) ? "no peer heard" : null;
    }

    /** The retries of questions that were denied or unanswered. */
    static long nextTick(ClusterState s, DeciderSettings cfg, long next) {
        if (!active(cfg)) {
            return next;
        }
        for (WitnessView v : s.tiebreak().witness().values()) {
            if (v.askedAt() != Long.MIN_VALUE && v.grantedEpoch() != v.askedEpoch()) {
                long retry = v.askedAt() + cfg.deadNanos();
                if (retry > s.lastTick()) {
                    next = Math.min(next, retry);
                }
            }
        }
        return next;
    }
}
