package io.heartline.membership;

import io.heartline.core.NodeId;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the tie-breaks said, for {@link Tiebreak} and {@link Witnessing}.
 *
 * @param pingAnswerAt monotonic ns of the newest echo reply from any ping node; {@link Long#MIN_VALUE} if none yet
 * @param pingLost     the loss of every ping node was journaled, until one answers again
 * @param witness      per group: what was asked of the witness and what it answered
 * @param crashed      peers whose daemon was confirmed dead (its probe port closed), until heard again:
 *                     no partition, so no release window, and the witness may hand over their locks
 * @param pingBackAt   monotonic ns when a ping node answered again after the loss of every one was
 *                     journaled; {@link Long#MIN_VALUE} if never
 */
public record TiebreakState(long pingAnswerAt, boolean pingLost, Map<String, WitnessView> witness, Set<NodeId> crashed,
                            long pingBackAt) {
    public static final TiebreakState NONE = new TiebreakState(Long.MIN_VALUE, false, Map.of(), Set.of(), Long.MIN_VALUE);

    public TiebreakState {
        witness = Collections.unmodifiableMap(new TreeMap<>(witness));
        crashed = Collections.unmodifiableSet(new TreeSet<>(crashed));
    }

    /**
     * One group's dealings with the witness.
     *
     * @param askedEpoch   the epoch last asked for; 0 if never
     * @param askedAt      when it was asked (monotonic ns)
     * @param grantedEpoch the epoch the witness last granted to this node; 0 if none (or the session was lost)
     * @param holder       who holds the lock, as the last answer said
     * @param verdict      the last answer; null if none since the last ask
     */
    public record WitnessView(long askedEpoch, long askedAt, long grantedEpoch, String holder, Event.Witness verdict) {
        static final WitnessView NONE = new WitnessView(0, Long.MIN_VALUE, 0, "", null);
    }

    TiebreakState withPing(long answerAt, boolean lost) {
        return new TiebreakState(answerAt, lost, witness, crashed, pingBackAt);
    }

    TiebreakState withPingBack(long at) {
        return new TiebreakState(pingAnswerAt, false, witness, crashed, at);
    }

    TiebreakState withWitness(String group, WitnessView view) {
        Map<String, WitnessView> m = new TreeMap<>(witness);
        m.put(group, view);
        return new TiebreakState(pingAnswerAt, pingLost, m, crashed, pingBackAt);
    }

    TiebreakState withoutGrants() {
        Map<String, WitnessView> m = new TreeMap<>();
        witness.forEach((g, v) -> m.put(g, new WitnessView(v.askedEpoch(), v.askedAt(), 0, "", null)));
        return new TiebreakState(pingAnswerAt, pingLost, m, crashed, pingBackAt);
    }

    TiebreakState withCrashed(NodeId peer, boolean crashedNow) {
        Set<NodeId> c = new TreeSet<>(crashed);
        if (crashedNow) {
            c.add(peer);
        } else {
            c.remove(peer);
        }
        return new TiebreakState(pingAnswerAt, pingLost, witness, c, pingBackAt);
    }

    WitnessView witness(String group) {
        return witness.getOrDefault(group, WitnessView.NONE);
    }
}
