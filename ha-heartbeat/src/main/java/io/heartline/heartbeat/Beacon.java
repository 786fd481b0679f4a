package io.heartline.heartbeat;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One heartbeat: what a node tells every peer, on every medium, each {@code interval}.
 *
 * @param from        the sending node
 * @param incarnation one run of the sender's daemon (wall-clock millis at its start, so a restart
 *                    has a higher one); never negative
 * @param seq         grows by one per beacon within an incarnation; never negative
 * @param adverts     the sender's view of every group it knows (newest epoch, owner, own state)
 * @param requests    handoff requests the sender repeats until answered
 * @param heard       the peers the sender holds alive now (its decider's view), or null when the
 *                    sender does not say (a daemon from before heard sets: unknown, not empty)
 */
public record Beacon(NodeId from, long incarnation, long seq, List<GroupAdvert> adverts,
                     List<HandoffRequest> requests, Set<NodeId> heard) {

    public Beacon {
        Objects.requireNonNull(from, "from");
        if (incarnation < 0) {
            throw new IllegalArgumentException("negative incarnation " + incarnation);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("negative seq " + seq);
        }
        adverts = List.copyOf(adverts);
        requests = List.copyOf(requests);
        heard = heard == null ? null : Set.copyOf(heard);
    }

    /** A beacon that says nothing of whom the sender hears, as daemons before heard sets send them. */
    public Beacon(NodeId from, long incarnation, long seq, List<GroupAdvert> adverts, List<HandoffRequest> requests) {
        this(from, incarnation, seq, adverts, requests, null);
    }

    /** A beacon with no adverts and no requests (a node that knows no group yet, and tests). */
    public static Beacon empty(NodeId from, long incarnation, long seq) {
        return new Beacon(from, incarnation, seq, List.of(), List.of());
    }
}
