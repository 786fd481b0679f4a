package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.Iterator;

/**
 * {@code hactl failover}: checked at once (a clear error for every reason it cannot happen), then
 * carried out as a handoff and answered when the target runs the group in the new term.
 */
final class Commands {
    private Commands() {
    }

    static void failover(Step s, DeciderSettings cfg, Event.Failover f) {
        String error = check(s, cfg, f);
        if (error != null) {
            s.act(new Action.Reply(f.requestId(), false, error));
            return;
        }
        String group = groupOf(cfg, f);
        GroupView g = s.group(group);
        Ownership t = g.term();
        String target = f.target() != null ? f.target().name()
                : Candidates.bestOther(s, cfg, group, t.owner()).orElseThrow();
        boolean viaPeer = !t.ownedBy(s.me());
        s.pending.add(new PendingCommand(f.requestId(), group, target, t.epoch(), s.at, s.at + cfg.commandNanos(), viaPeer));
        s.record(RecordKind.FAILOVER_REQUESTED, group, "hactl failover", "from", t.owner(), "to", target, "epoch", t.epoch());
        if (!viaPeer) {
            OwnershipRules.release(s, group, new Release(target, "hactl failover to " + target, true, false)); // FAILOVER_HANDOFF
        }
    }

    private static String groupOf(DeciderSettings cfg, Event.Failover f) {
        return f.group() != null ? f.group() : cfg.groups().size() == 1 ? cfg.groups().get(0) : null;
    }

    private static String check(Step s, DeciderSettings cfg, Event.Failover f) {
        String group = groupOf(cfg, f);
        if (group == null) {
            return "name the group to fail over: " + String.join(", ", cfg.groups());
        }
        GroupView g = s.group(group);
        if (g == null) {
            return "no group '" + group + "' (groups: " + String.join(", ", cfg.groups()) + ")";
        }
        if (s.shuttingDown) {
            return "this node is shutting down";
        }
        if (s.maintenance) {
            return "this node is in maintenance (hactl maintenance off first)";
        }
        Ownership t = g.term();
        if (OwnershipRules.orphanReason(s, g) != null) {
            return "group '" + group + "' has no running owner (" + OwnershipRules.orphanReason(s, g)
                    + "); it is claimed automatically";
        }
        String ownerState = t.ownedBy(s.me()) ? g.state().name() : advertState(s, t.owner(), group);
        if (!GroupState.ACTIVE.name().equals(ownerState)) {
            return "group '" + group + "' is " + ownerState + " on " + t.owner() + "; try again when it is ACTIVE";
        }
        if (s.pending.stream().anyMatch(p -> p.group().equals(group))) {
            return "a failover of group '" + group + "' is already under way";
        }
        if (f.target() == null) {
            return Candidates.bestOther(s, cfg, group, t.owner()).isPresent() ? null
                    : "no other node can take group '" + group + "' (none alive and healthy)";
        }
        String target = f.target().name();
        if (!cfg.priorities().containsKey(f.target())) {
            return "no node '" + target + "' in this cluster";
        }
        if (target.equals(t.owner())) {
            return "group '" + group + "' already runs on " + target;
        }
        if (!OwnershipRules.isCandidate(s, cfg, group, target)) {
            return target + " cannot take group '" + group + "' (not alive, FAULT for this group, or in standby)";
        }
        return null;
    }

    private static String advertState(Step s, String node, String group) {
        PeerState p = s.peers.get(new NodeId(node));
        GroupAdvert a = p == null ? null : p.advert(group);
        return a == null ? "unknown" : a.state().name();
    }

    /** {@code hactl resource cleanup}: a FAULT group here goes back to STANDBY (it may be claimed again). */
    static void cleanup(Step s, Event.Cleanup c) {
        GroupView g = s.group(c.group());
        if (g == null) {
            s.act(new Action.Reply(c.requestId(), false, "no group '" + c.group() + "'"));
            return;
        }
        if (g.state() != GroupState.FAULT) {
            s.act(new Action.Reply(c.requestId(), true, "group '" + c.group() + "' is " + g.state() + " here: nothing to clean up"));
            return;
        }
        s.transition(c.group(), GroupInput.CLEANUP, "cleaned up by the operator");
        s.refreshView(); // FRESH_VIEW: a candidate again, it hears every live peer anew before it claims
        s.act(new Action.Reply(c.requestId(), true, "group '" + c.group() + "' cleaned up: STANDBY here"));
    }

    /** Answers the pending commands whose handoff finished, failed, or ran out of time. */
    static void settle(Step s) {
        for (Iterator<PendingCommand> it = s.pending.iterator(); it.hasNext(); ) {
            PendingCommand p = it.next();
            String outcome = outcome(s, p);
            if (outcome != null) {
                it.remove();
                boolean ok = outcome.isEmpty();
                long tookMs = (s.at - p.startedAt()) / 1_000_000L;
                String msg = ok ? "group '" + p.group() + "' now runs on " + p.target() + " (epoch "
                        + s.group(p.group()).term().epoch() + ", " + tookMs + " ms)" : outcome;
                s.record(ok ? RecordKind.FAILOVER_DONE : RecordKind.FAILOVER_FAILED, p.group(), msg, "to", p.target(), "took_ms", tookMs);
                s.act(new Action.Reply(p.requestId(), ok, msg));
            }
        }
    }

    /** "" when done, an error message when failed, null while under way. */
    private static String outcome(Step s, PendingCommand p) {
        GroupView g = s.group(p.group());
        Ownership t = g.term();
        if (t.epoch() > p.fromEpoch() && t.ownedBy(p.target()) && targetActive(s, p.target(), p.group(), t.epoch())) {
            return "";
        }
        if (t.epoch() > p.fromEpoch() && t.hasOwner() && !t.ownedBy(p.target())) {
            return "group '" + p.group() + "' went to " + t.owner() + " instead of " + p.target();
        }
        if (s.shuttingDown) {
            return "this node is shutting down";
        }
        if (!p.viaPeer() && g.state() == GroupState.FAULT && t.epoch() == p.fromEpoch()) {
            return "group '" + p.group() + "' could not be stopped here: it is FAULT and blocked (see hactl status, "
                    + "then hactl resource cleanup)";
        }
        if (s.at >= p.deadline()) {
            return "failover of group '" + p.group() + "' to " + p.target() + " did not finish within "
                    + (p.deadline() - p.startedAt()) / 1_000_000_000L + " s (group is " + g.state() + " here, term "
                    + t.epoch() + "/" + t.owner() + ")";
        }
        return null;
    }

    private static boolean targetActive(Step s, String target, String group, long epoch) {
        if (target.equals(s.me())) {
            return s.group(group).state() == GroupState.ACTIVE;
        }
        PeerState p = s.peers.get(new NodeId(target));
        GroupAdvert a = p == null ? null : p.advert(group);
        return p != null && p.alive() && a != null && a.epoch() >= epoch && a.state() == GroupState.ACTIVE;
    }
}
