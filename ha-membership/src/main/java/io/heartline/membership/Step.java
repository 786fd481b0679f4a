package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decider's working copy for one event: a mutable copy of the state plus the actions so far.
 * Never shared; {@link #result()} freezes it. Keeping the mutation here keeps the rules readable
 * while {@link Decider#apply} stays a pure function of its inputs.
 */
final class Step {
    final NodeId self;
    final long at;
    final long startedAt;
    long lastTick;
    final Map<NodeId, PeerState> peers;
    final Map<String, GroupView> groups;
    final List<PendingCommand> pending;
    final Map<String, String> localMediaDown;
    final java.util.Set<NodeId> partitioned;
    final Map<NodeId, FenceState> fencing;
    boolean shuttingDown;
    boolean shutdownDone;
    boolean standby;
    boolean maintenance;
    boolean quorate;
    long quorumSince;
    long listeningSince;
    long rejoinedAt;
    long claimHoldUntil;
    final Map<String, String> groupLinksDown;
    TiebreakState tiebreak;
    private final List<Action> actions = new ArrayList<>();
    private boolean changed;

    Step(ClusterState s, long at) {
        this.self = s.self();
        this.at = at;
        this.startedAt = s.startedAt();
        this.lastTick = s.lastTick();
        this.peers = new TreeMap<>(s.peers());
        this.groups = new TreeMap<>(s.groups());
        this.pending = new ArrayList<>(s.pending());
        this.localMediaDown = new TreeMap<>(s.localMediaDown());
        this.partitioned = new java.util.TreeSet<>(s.partitioned());
        this.fencing = new TreeMap<>(s.fencing());
        this.shuttingDown = s.shuttingDown();
        this.shutdownDone = s.shutdownDone();
        this.standby = s.standby();
        this.maintenance = s.maintenance();
        this.quorate = s.quorate();
        this.quorumSince = s.quorumSince();
        this.listeningSince = s.listeningSince();
        this.rejoinedAt = s.rejoinedAt();
        this.claimHoldUntil = s.claimHoldUntil();
        this.groupLinksDown = new TreeMap<>(s.groupLinksDown());
        this.tiebreak = s.tiebreak();
    }

    String me() {
        return self.name();
    }

    GroupView group(String name) {
        return groups.get(name);
    }

    void put(GroupView g) {
        groups.put(g.name(), g);
    }

    void setTerm(String group, Ownership term) {
        GroupView g = groups.get(group);
        if (!g.term().equals(term)) {
            groups.put(group, g.withTerm(term));
            Map<String, Ownership> terms = new TreeMap<>();
            groups.forEach((k, v) -> terms.put(k, v.term()));
            actions.add(new Action.PersistOwnership(terms)); // PERSIST: on disk before anything acts on the new term
            changed = true;
        }
    }

    /**
     * This node's candidacy starts again (start, online, cleanup): it claims an orphaned group only
     * once it has heard every live peer twice from now on (OwnershipRules.freshView), and fences a
     * silent peer anew.
     */
    void refreshView() {
        peers.replaceAll((id, p) -> p.unheard());
        // a peer fenced while this node was no candidate may have rebooted and taken the group
        // since: that fence is no licence to claim now; a claim fences again if the peer is silent
        fencing.values().removeIf(f -> f.phase() == FenceState.Phase.FENCED);
    }

    void reply(long requestId, boolean ok, String message) {
        actions.add(new Action.Reply(requestId, ok, message));
    }

    void act(Action a) {
        actions.add(a);
    }

    void record(RecordKind kind, String group, String cause, Object... kv) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            fields.put((String) kv[i], kv[i + 1]);
        }
        actions.add(new Action.Record(kind, group, cause, fields));
    }

    /** Applies {@code input} through the transition table; false (and nothing done) when the state ignores it. */
    boolean transition(String group, GroupInput input, String cause) {
        GroupView g = groups.get(group);
        return GroupTransitions.next(g.state(), input).map(to -> {
            moveTo(group, to, cause);
            return true;
        }).orElse(false);
    }

    /** Every transition does the same things: new state, a journal record, a beacon at once. */
    private void moveTo(String group, GroupState to, String cause) {
        GroupView g = groups.get(group);
        groups.put(group, g.withState(to, at));
        record(RecordKind.TRANSITION, group, cause, "from", g.state().name(), "to", to.name(),
                "epoch", groups.get(group).term().epoch(), "owner", groups.get(group).term().owner());
        changed = true;
    }

    Decider.Result result() {
        if (changed) {
            actions.add(new Action.SendBeaconNow());
        }
        ClusterState s = new ClusterState(self, startedAt, lastTick, peers, groups, pending, localMediaDown, partitioned,
                fencing, shuttingDown, shutdownDone, standby, maintenance, quorate, quorumSince, listeningSince, rejoinedAt, claimHoldUntil,
                groupLinksDown, tiebreak);
        return new Decider.Result(s, List.copyOf(actions));
    }
}
