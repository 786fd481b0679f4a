package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.journal.RecordKind;

/**
 * Another host answers for one of our VIPs (docs/stale-vips.md). Every sighting is journaled and
 * alerted ("duplicate VIP on NODE", "VIP in use by a foreign host (MAC)"). While this node runs the
 * group it re-announces the VIP (REANNOUNCE: both ARP forms, so clients stay here) only when it
 * knows it is the rightful holder:
 * <ul>
 *   <li>the other is a member that is heard afresh (twice since this node's view began or its own
 *       stall ended) and runs the group in an older term (an older holder, which releases without
 *       ARP when it learns it lost);</li>
 *   <li>the other is a member whose daemon was confirmed dead (its stale VIP);</li>
 *   <li>the other is a silent member, and fencing or the witness confirmed our term.</li>
 * </ul>
 * A silent member without such confirmation (a partition without fencing) and any stranger are
 * not fought over: two nodes re-announcing in turn would move the clients back and forth.
 */
final class DuplicateVips {
    private DuplicateVips() {
    }

    static void seen(Step s, DeciderSettings cfg, Event.DuplicateVip d) {
        GroupView g = s.group(d.group());
        if (g == null) {
            return;
        }
        String who = d.member() != null ? d.member() + " (MAC " + d.mac() + ")" : d.foreign()
                ? "a foreign host (MAC " + d.mac() + ")" : "MAC " + d.mac() + " (no member known to have it)";
        boolean holding = g.state() == GroupState.ACTIVE && g.term().ownedBy(s.me());
        boolean reannounce = !d.beforeClaim() && holding && rightful(s, cfg, d, g);
        String cause = d.beforeClaim()
                ? (d.foreign() ? "VIP " + d.vip() + " in use by " + who + ": not claimed here"
                        : "duplicate VIP " + d.vip() + " on " + who + " as this node claims it")
                : "duplicate VIP " + d.vip() + ": also answered by " + who
                        + (reannounce ? "; re-announcing it so that clients stay here"
                        : holding ? "; not re-announced (this node cannot tell it is the rightful holder)" : "");
        s.record(RecordKind.DUPLICATE_VIP, d.group(), cause, "vip", d.vip(), "mac", d.mac(), "member",
                d.member() == null ? "" : d.member(), "foreign", d.foreign(), "before_claim", d.beforeClaim());
        if (reannounce) {
            s.act(new Action.Reannounce(d.group())); // REANNOUNCE
        }
    }

    private static boolean rightful(Step s, DeciderSettings cfg, Event.DuplicateVip d, GroupView g) {
        if (d.member() == null) {
            return false;
        }
        NodeId member = new NodeId(d.member());
        PeerState p = s.peers.get(member);
        if (p == null) {
            return false;
        }
        if (p.alive()) {
            if (!p.freshlyHeard()) {
                return false; // what it said may be older than our own stall (FRESH_VIEW): its beacons settle it
            }
            // Only an older holder that has not yet learned it lost: a live member that says it does not hold the group
            // yet answers for the VIP is what a stale view looks like (beacons queued through our own stall, say).
            GroupAdvert a = p.advert(g.name());
            return a != null && a.state().holds() && a.epoch() < g.term().epoch();
        }
        return s.tiebreak.crashed().contains(member) || cfg.fencing()
                || Witnessing.active(cfg) && s.tiebreak.witness(g.name()).grantedEpoch() == g.term().epoch();
    }
}
