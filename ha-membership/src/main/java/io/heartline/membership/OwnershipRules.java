package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;

/**
 * The rules of who owns a group (DESIGN.md, "Ownership"): newer terms win, a tie goes to the
 * preferred node, an orphaned group is claimed by the best live candidate, a handoff ends the
 * old term only after the owner has stopped.
 */
final class OwnershipRules {
    private OwnershipRules() {
    }

    /** What a peer's advert teaches us about a group; may claim (handed to us) or release (newer owner). */
    static void learn(Step s, DeciderSettings cfg, String peer, GroupAdvert a) {
        GroupView g = s.group(a.group());
        if (g == null) {
            return;
        }
        Ownership known = g.term();
        if (a.epoch() > known.epoch() && !a.hasOwner() && g.state().holds()) { // TERM_ADVANCE
            // A newer term that nobody owns (ended while we were apart) does not unseat a running
            // owner: we carry on in the term after it, so every node learns who runs the group.
            s.setTerm(g.name(), new Ownership(a.epoch() + 1, s.me()));
            s.record(RecordKind.TERM_ADVANCED, g.name(), peer + " knows epoch " + a.epoch() + " with no owner; we run the group: "
                    + "now epoch " + (a.epoch() + 1), "peer", peer, "epoch", a.epoch() + 1);
        } else if (a.epoch() > known.epoch() && a.owner().equals(s.me()) && !g.state().holds() && !freshView(s)) {
            // FRESH_VIEW: a handoff is taken from a fresh view only; the first beacon after our restart
            // may be one sent before the hander changed its mind (and fenced us). The next one decides.
            return;
        } else if (a.epoch() > known.epoch()) {
            s.setTerm(g.name(), new Ownership(a.epoch(), a.owner()));
            if (s.maintenance) {
                s.record(RecordKind.MAINTENANCE, g.name(), peer + " announced epoch " + a.epoch() + " owned by '" + a.owner()
                        + "': in maintenance this node neither starts nor stops the group", "peer", peer, "epoch", a.epoch());
            } else if (a.owner().equals(s.me())) {
                if (!g.state().holds()) { // CLAIM_HANDED
                    claim(s, g.name(), a.epoch(), "handed over by " + peer + " (epoch " + a.epoch() + ")");
                }
            } else if (g.state().holds()) { // RELEASE_NEWER
                s.record(RecordKind.TWO_OWNERS, g.name(), peer + " announced epoch " + a.epoch() + " owned by '" + a.owner()
                        + "', newer than ours (" + known.epoch() + "): releasing at once" + (cfg.fencing()
                        ? "; with fencing on this node lost the fence race and stays down (FAULT) until cleaned up" : ""),
                        "peer", peer, "epoch", a.epoch());
                release(s, g.name(), lostTo(cfg, "newer owner " + a.owner() + " (epoch " + a.epoch() + ")"));
            }
        } else if (a.epoch() == known.epoch() && !a.owner().equals(known.owner()) && a.hasOwner()) {
            sameEpoch(s, cfg, peer, g, a); // SAME_EPOCH
        }
    }

    /**
     * The release of a node that lost a two-owners meeting. With fencing on, that meeting means this
     * node should have been fenced: it releases everything and stays down (FAULT) until an operator
     * cleans it up. Without fencing it is a healed partition, and the node simply stands by.
     */
    private static Release lostTo(DeciderSettings cfg, String cause) {
        return new Release("", cause, false, cfg.fencing());
    }

    /** Two owners claim one epoch (both took over while apart): the preferred one keeps it. */
    private static void sameEpoch(Step s, DeciderSettings cfg, String peer, GroupView g, GroupAdvert a) {
        Ownership known = g.term();
        boolean theyHold = a.owner().equals(peer) && a.state().holds();
        if (known.ownedBy(s.me()) && g.state().holds()) {
            if (!theyHold || s.maintenance) {
                return;
            }
            if (cfg.prefers(peer, s.me())) {
                s.setTerm(g.name(), new Ownership(a.epoch(), peer));
                s.record(RecordKind.TWO_OWNERS, g.name(), peer + " also owns epoch " + a.epoch() + " and is preferred: releasing",
                        "peer", peer, "epoch", a.epoch());
                release(s, g.name(), lostTo(cfg, "two owners, " + peer + " preferred"));
            } else {
                s.record(RecordKind.TWO_OWNERS, g.name(), peer + " also owns epoch " + a.epoch() + "; we are preferred and keep it",
                        "peer", peer, "epoch", a.epoch());
            }
        } else if (!known.hasOwner() || theyHold || cfg.prefers(a.owner(), known.owner())) {
            s.setTerm(g.name(), new Ownership(a.epoch(), a.owner()));
        }
    }

    /** Starts a term: persist it first, then start the group. */
    static void claim(Step s, String group, long epoch, String cause) {
        s.setTerm(group, new Ownership(epoch, s.me()));
        if (s.transition(group, GroupInput.CLAIM, cause)) {
            s.act(new Action.StartGroup(group, epoch));
        }
    }

    /** Releases now when ACTIVE; while STARTING, remembers it for when the start is done. */
    static void release(Step s, String group, Release r) {
        GroupView g = s.group(group);
        if (g.state() == GroupState.STARTING) {
            s.put(g.withRelease(r));
            return;
        }
        if (g.state() == GroupState.ACTIVE) {
            s.put(g.withRelease(r));
            s.transition(group, GroupInput.RELEASE, r.cause());
            s.act(new Action.StopGroup(group, r.cause()));
        }
    }

    /** How long a node that could not write its epoch waits before it claims again. */
    static long claimHoldNanos(DeciderSettings cfg) {
        return Math.max(1_000_000_000L, cfg.deadNanos());
    }

    static void started(Step s, DeciderSettings cfg, Event.GroupStarted e) {
        String group = e.group();
        boolean ok = e.ok();
        String detail = e.detail();
        GroupView g = s.group(group);
        if (g == null || g.state() != GroupState.STARTING) {
            return;
        }
        if (!ok && e.notRun()) { // CLAIM_NOT_PERSISTED: no epoch on disk, no start; hand on or retry, not FAULT
            String target = Candidates.bestOther(s, cfg, group, s.me()).orElse("");
            s.claimHoldUntil = s.at + claimHoldNanos(cfg);
            Release r = new Release(target, detail + "; " + (target.isEmpty() ? "this node claims again in "
                    + Liveness.ms(claimHoldNanos(cfg)) + " ms" : "handing the group to " + target), !target.isEmpty(), false);
            s.put(g.withRelease(r));
            s.transition(group, GroupInput.START_FAILED, r.cause());
            s.act(new Action.StopGroup(group, r.cause()));
            return;
        }
        if (ok) {
            s.transition(group, GroupInput.STARTED, "resources started" + (detail == null ? "" : ": " + detail));
            if (g.release() != null) {
                release(s, group, g.release());
            }
            return;
        }
        String target = Candidates.bestOther(s, cfg, group, s.me()).orElse("");
        Release r = new Release(target, "start failed: " + detail, true, true);
        s.put(g.withRelease(r));
        s.transition(group, GroupInput.START_FAILED, r.cause());
        s.act(new Action.StopGroup(group, r.cause()));
    }

    static void stopped(Step s, String group, boolean ok, String detail) {
        GroupView g = s.group(group);
        if (g == null || g.state() != GroupState.RELEASING) {
            return;
        }
        Release r = g.release();
        if (!ok) {
            s.transition(group, GroupInput.STOP_FAILED, "stop failed: " + detail + "; the group stays here, "
                    + "blocked, until an operator cleans it up");
            return;
        }
        if (r != null && r.handOver()) { // FAILOVER_HANDOFF, STANDBY_HANDOFF: the term ends only after the stop
            s.setTerm(group, new Ownership(g.term().epoch() + 1, r.target()));
        }
        s.put(s.group(group).withRelease(null));
        GroupInput input = r != null && r.startFailed() ? GroupInput.STOPPED_AFTER_FAILURE : GroupInput.STOPPED;
        String cause = r == null ? "stopped" : r.cause() + (r.target().isEmpty() ? "" : "; handed to " + r.target());
        s.transition(group, input, cause);
    }

    /** A resource failed beyond its policy: hand the group over (FAULT here), or block it if it would not stop. */
    static void resourceFailed(Step s, DeciderSettings cfg, Event.ResourceFailed r) {
        GroupView g = s.group(r.group());
        if (g == null || !g.state().holds()) {
            return;
        }
        if (s.maintenance) {
            s.record(RecordKind.RESOURCE_FAILED, r.group(), r.reason() + " (in maintenance: left as it is)", "resource",
                    r.resource(), "stop_failed", r.stopFailed());
            return;
        }
        s.record(RecordKind.RESOURCE_FAILED, r.group(), r.reason(), "resource", r.resource(), "stop_failed", r.stopFailed());
        if (r.stopFailed()) {
            s.transition(r.group(), GroupInput.STOP_FAILED, "resource " + r.resource() + " would not stop: " + r.reason()
                    + "; the group is blocked here" + (cfg.fencing() ? " until a peer fences this node" : ""));
            return;
        }
        String target = Candidates.bestOther(s, cfg, r.group(), s.me()).orElse("");
        release(s, r.group(), new Release(target, "resource " + r.resource() + " failed: " + r.reason(), true, true));
    }

    /** Claims the group if it is orphaned and this node is the best candidate. */
    static void claimIfOrphaned(Step s, DeciderSettings cfg, String group) { // CLAIM_ORPHAN
        GroupView g = s.group(group);
        if (g.state() != GroupState.STANDBY || s.shuttingDown) {
            return;
        }
        String why = orphanReason(s, g);
        if (why == null && cfg.fencing() && Candidates.ranked(s, cfg, group).get(0).equals(s.me())) {
            fenceBlockedOwner(s, cfg, g);
            return;
        }
        if (why == null || !Candidates.ranked(s, cfg, group).get(0).equals(s.me()) || peerHolds(s, group)) {
            return;
        }
        if (s.at < s.claimHoldUntil) {
            return; // CLAIM_NOT_PERSISTED: the last claim could not write its epoch; retried at claimHoldUntil
        }
        if (Isolation.cut(s, cfg) || Isolation.rejoining(s, cfg) || !freshView(s)) {
            return; // cut off or just back (REJOIN_WINDOW), or a live peer's advert may be stale (FRESH_VIEW)
        }
        if (Tiebreak.pingLost(s, cfg)) {
            return; // PING_LOST: journaled once by Tiebreak.watch
        }
        if (!Quorum.has(s, cfg) && !Quorum.half(s, cfg)) {
            return; // journaled once by Quorum.watch; a half claims with the witness's lock (EVEN_SPLIT_WITNESSED)
        }
        if (!Quorum.windowOver(s, cfg)) {
            return; // CLAIM_AFTER_WINDOW: a silent peer may be a minority owner still stopping
        }
        if (!Quorum.agreed(s, cfg, g)) {
            return; // CLAIM_AGREED: a peer of our quorum still hears the owner, which may keep its quorum through it
        }
        if (!Tiebreak.pairWindowOver(s, cfg)) {
            return; // CLAIM_AFTER_PAIR_WINDOW: the silent owner may be cut off from the gateway and still stopping
        }
        if (!Fencing.cleared(s, cfg, why)) {
            return;
        }
        if (!Witnessing.granted(s, cfg, g, g.term().epoch() + 1)) {
            return; // CLAIM_WITNESSED: asked (or asked again after deadtime)
        }
        claim(s, group, g.term().epoch() + 1, why + (cfg.fencing() && s.peers.values().stream().anyMatch(p -> !p.alive())
                ? " (silent peers fenced)" : ""));
    }

    /**
     * With fencing on, a live owner blocked in FAULT (a resource would not stop) is fenced, and
     * once it is off its group is claimed; without fencing the group stays blocked.
     */
    private static void fenceBlockedOwner(Step s, DeciderSettings cfg, GroupView g) {
        if (g.state() != GroupState.STANDBY || s.shuttingDown || !g.term().hasOwner() || g.term().ownedBy(s.me())) {
            return;
        }
        NodeId owner = new NodeId(g.term().owner());
        PeerState p = s.peers.get(owner);
        GroupAdvert a = p == null ? null : p.advert(g.name());
        if (p == null || !p.alive() || a == null || a.state() != GroupState.FAULT || a.epoch() < g.term().epoch()) {
            return;
        }
        Fencing.fenceAlive(s, cfg, owner, "owner " + owner + " could not stop group " + g.name());
    }

    /**
     * FRESH_VIEW: every live peer has been heard with news {@link PeerState#FRESH} times since this
     * node's candidacy began (start, online, cleanup) or the peer came alive. One beacon is not
     * enough: it may have been sent before the peer claimed (reordered, or in flight across our
     * restart), and acting on it is a claim beside a fresh owner.
     */
    static boolean freshView(Step s) {
        return s.peers.values().stream().allMatch(p -> !p.alive() || p.freshlyHeard());
    }

    /** Whether a live peer says it holds the group, whatever the term: never start beside it. */
    static boolean peerHolds(Step s, String group) {
        return s.peers.values().stream().anyMatch(p -> p.alive() && p.advert(group) != null
                && p.advert(group).state().holds());
    }

    /** Why nobody holds the group, or null when someone does (or may: a FAULT owner blocks it). */
    static String orphanReason(Step s, GroupView g) {
        Ownership t = g.term();
        if (!t.hasOwner()) {
            return "no owner";
        }
        if (t.ownedBy(s.me())) {
            return g.state().holds() || g.state() == GroupState.FAULT ? null : "ours from a previous run, not running";
        }
        PeerState p = s.peers.get(new NodeId(t.owner()));
        if (p == null || !p.alive()) {
            return "owner " + t.owner() + " is dead";
        }
        GroupAdvert a = p.advert(g.name());
        if (a == null || a.epoch() < t.epoch() || a.state().holds() || a.state() == GroupState.FAULT) {
            return null;
        }
        return "owner " + t.owner() + " does not run it (" + a.state() + ")";
    }

    /** The owner answers a peer's handoff request for the current term. */
    static void answerRequests(Step s, DeciderSettings cfg, String group) {
        GroupView g = s.group(group);
        if (g.state() != GroupState.ACTIVE || g.release() != null || s.shuttingDown) {
            return;
        }
        for (PeerState p : s.peers.values()) {
            if (!p.alive()) {
                continue;
            }
            for (HandoffRequest r : p.requests()) {
                if (r.group().equals(group) && r.epoch() == g.term().epoch() && isCandidate(s, cfg, group, r.target())) {
                    release(s, group, new Release(r.target(), "failover asked by " + p.id().name(), true, false));
                    return;
                }
            }
        }
    }

    /** failback = auto: hand the group to a more preferred node once it has stood ready for the delay. */
    static void failback(Step s, DeciderSettings cfg, String group) {
        GroupView g = s.group(group);
        if (!cfg.failbackAuto() || g.state() != GroupState.ACTIVE || g.release() != null || s.shuttingDown) {
            return;
        }
        String best = null;
        for (PeerState p : s.peers.values()) {
            GroupAdvert a = p.advert(group);
            if (p.alive() && a != null && a.state() == GroupState.STANDBY && cfg.prefers(p.id().name(), s.me())
                    && (best == null || cfg.prefers(p.id().name(), best))) {
                best = p.id().name();
            }
        }
        if (best == null) {
            s.put(g.withReadySince(-1));
        } else if (g.readySince() < 0) {
            s.put(g.withReadySince(s.at));
        } else if (s.at - g.readySince() >= cfg.failbackNanos()) {
            s.put(g.withReadySince(-1));
            release(s, group, new Release(best, "failback to preferred node " + best, true, false));
        }
    }

    static boolean isCandidate(Step s, DeciderSettings cfg, String group, String node) {
        return Candidates.ranked(s, cfg, group).contains(node);
    }
}
