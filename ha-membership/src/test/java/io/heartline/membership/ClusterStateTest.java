package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a node's state says to the rest of the daemon: its beacon (adverts, handoff requests), the
 * terms it keeps on disk, whether it is degraded, and how it starts (from disk, perhaps in standby).
 */
class ClusterStateTest {
    static final long MS = 1_000_000L;
    static final NodeId A = new NodeId("node-a");
    static final NodeId B = new NodeId("node-b");

    static Decider decider(NodeId self) {
        return new Decider(new DeciderSettings(self, Map.of(A, 100, B, 50), List.of("web", "db"), List.of("mc", "serial"),
                200 * MS, 1000 * MS, 500 * MS, 2000 * MS, false, 0, 500 * MS, 30_000 * MS, false, 0, 1000 * MS, 30_000 * MS));
    }

    static ClusterState apply(Decider d, ClusterState s, Event e) {
        return d.apply(s, e).state();
    }

    static Event.PeerBeacon beacon(long at, NodeId from, String medium, GroupAdvert... adverts) {
        return new Event.PeerBeacon(at, medium, from, 1, at, List.of(adverts), List.of());
    }

    @Test
    void aNodeStartsInInitWithTheTermsOnDiskAndNoPeerHeard() {
        Decider d = decider(A);
        ClusterState s = d.initial(Map.of("web", new Ownership(4, "node-b")), 7 * MS);
        assertEquals(7 * MS, s.startedAt());
        assertEquals(GroupState.INIT, s.group("web").state());
        assertEquals(new Ownership(4, "node-b"), s.group("web").term());
        assertEquals(Ownership.NONE, s.group("db").term());
        assertEquals(Map.of("db", Ownership.NONE, "web", new Ownership(4, "node-b")), s.terms());
        assertEquals(List.of(B), List.copyOf(s.peers().keySet()), "every configured node but this one");
        assertFalse(s.peers().get(B).alive());
        assertFalse(s.standby() || s.maintenance() || s.shuttingDown() || s.degraded());
        assertTrue(s.quorate());
        assertEquals(List.of(new GroupAdvert("db", 0, "", GroupState.INIT), new GroupAdvert("web", 4, "node-b", GroupState.INIT)),
                s.adverts());
    }

    @Test
    void aNodeLeftInStandbyStartsInStandbyAndNeverClaims() {
        Decider d = decider(A);
        ClusterState s = d.initial(Map.of(), 0, true);
        assertTrue(s.standby());
        for (long t = 0; t <= 5000; t += 50) {
            s = apply(d, s, new Event.Tick(t * MS));
        }
        assertEquals(GroupState.OFFLINE, s.group("web").state());
        assertEquals(Ownership.NONE, s.group("web").term(), "nothing claimed");
    }

    /**
     * The heard set in the beacon: live peers; a peer not heard yet only in the first deadtime
     * after the start (a quick restart keeps the owner's quorum); a peer dead here never.
     */
    @Test
    void theBeaconListsThePeersNotHeldDead() {
        NodeId c = new NodeId("node-c");
        Decider d = new Decider(new DeciderSettings(A, Map.of(A, 100, B, 50, c, 10), List.of("web"), List.of("mc"),
                200 * MS, 1000 * MS, 500 * MS, 2000 * MS, false, 0, 500 * MS, 30_000 * MS, false, 0, 1000 * MS, 30_000 * MS));
        long dead = d.settings().deadNanos();
        long t0 = 10_000 * MS; // the start, far from 0: the first deadtime counts from it
        ClusterState s = d.initial(Map.of(), t0);
        assertEquals(java.util.Set.of(B, c), s.heard(dead), "before the first tick nobody is held dead");
        s = apply(d, s, beacon(t0 + 100 * MS, B, "mc"));
        s = apply(d, s, new Event.Tick(t0 + 950 * MS));
        assertEquals(java.util.Set.of(B, c), s.heard(dead), "node-c not heard yet, within deadtime of the start");
        s = apply(d, s, new Event.Tick(t0 + 1000 * MS));
        assertEquals(java.util.Set.of(B), s.heard(dead), "node-c never heard in a deadtime: as dead");
        s = apply(d, s, beacon(t0 + 1040 * MS, B, "mc"));
        s = apply(d, s, beacon(t0 + 1050 * MS, c, "mc"));
        s = apply(d, s, new Event.Tick(t0 + 1100 * MS));
        assertEquals(java.util.Set.of(B, c), s.heard(dead));
        for (long t = 1150; t <= 2050; t += 50) {
            s = apply(d, s, new Event.Tick(t0 + t * MS));
        }
        s = apply(d, s, beacon(t0 + 2060 * MS, B, "mc"));
        assertFalse(s.peers().get(c).alive());
        assertEquals(java.util.Set.of(B), s.heard(dead), "node-c dead here");
    }

    @Test
    void aPeersHeardSetIsKeptFromItsNewestBeaconAndVouchesForTheOthers() {
        NodeId c = new NodeId("node-c");
        Decider d = new Decider(new DeciderSettings(A, Map.of(A, 100, B, 50, c, 10), List.of("web"), List.of("mc"),
                200 * MS, 1000 * MS, 500 * MS, 2000 * MS, false, 0, 500 * MS, 30_000 * MS, false, 0, 1000 * MS, 30_000 * MS));
        ClusterState s = d.initial(Map.of(), 0);
        s = apply(d, s, new Event.PeerBeacon(100 * MS, "mc", B, 1, 5, List.of(), List.of(), java.util.Set.of(A, c)));
        assertEquals(java.util.Set.of(A, c), s.peers().get(B).heard());
        assertTrue(s.peers().get(B).hears(A) && s.peers().get(B).lists(c) && !s.peers().get(B).lists(B));
        assertEquals(100 * MS, s.peers().get(c).vouchedAt(), "node-b listed node-c");
        assertEquals(PeerState.NEVER, s.peers().get(B).vouchedAt(), "a peer does not vouch for itself");
        s = apply(d, s, new Event.PeerBeacon(150 * MS, "mc", B, 1, 4, List.of(), List.of(), java.util.Set.of()));
        assertEquals(java.util.Set.of(A, c), s.peers().get(B).heard(), "an overtaken beacon's set is not learned");
        assertEquals(100 * MS, s.peers().get(c).vouchedAt(), "nor does it vouch");
        s = apply(d, s, new Event.PeerBeacon(200 * MS, "mc", B, 1, 6, List.of(), List.of(), java.util.Set.of(c)));
        assertFalse(s.peers().get(B).hears(A), "its newest beacon does not list this node");
        assertEquals(200 * MS, s.peers().get(c).vouchedAt());
        s = apply(d, s, new Event.PeerBeacon(300 * MS, "mc", B, 1, 7, List.of(), List.of()));
        assertTrue(s.peers().get(B).hears(A) && !s.peers().get(B).lists(c), "no set: counts, vouches for nobody");
        assertEquals(200 * MS, s.peers().get(c).vouchedAt());
        PeerState shifted = s.peers().get(c).shifted(50 * MS);
        assertEquals(250 * MS, shifted.vouchedAt(), "a pause shifts the vouch like the silence");
        assertEquals(PeerState.unknown(c), PeerState.unknown(c).shifted(50 * MS));
        assertEquals(PeerState.NEVER, s.peers().get(B).shifted(50 * MS).vouchedAt());
    }

    @Test
    void onlyAFailoverAskedOfAPeerGoesInTheBeacon() {
        Decider d = decider(B);
        ClusterState s = d.initial(Map.of(), 0);
        s = apply(d, s, beacon(100 * MS, A, "mc", new GroupAdvert("web", 1, "node-a", GroupState.ACTIVE),
                new GroupAdvert("db", 1, "node-a", GroupState.ACTIVE)));
        assertEquals(List.of(), s.requests());
        s = apply(d, s, new Event.Failover(200 * MS, 9, "web", null));
        assertEquals(List.of(new HandoffRequest("web", 1, "node-b")), s.requests());
        assertEquals(1, s.pending().size());
        assertTrue(s.pending().get(0).viaPeer());
    }

    @Test
    void theOwnersOwnFailoverIsNoRequest() {
        Decider d = decider(A);
        ClusterState s = d.initial(Map.of(), 0);
        s = apply(d, s, beacon(100 * MS, B, "mc"));
        s = apply(d, s, beacon(120 * MS, B, "mc"));
        s = apply(d, s, new Event.GroupStarted(150 * MS, "web", true, null));
        assertEquals(GroupState.ACTIVE, s.group("web").state());
        s = apply(d, s, new Event.Failover(200 * MS, 9, "web", null));
        assertEquals(1, s.pending().size(), "answered once node-b runs the group");
        assertFalse(s.pending().get(0).viaPeer());
        assertEquals(List.of(), s.requests());
    }

    @Test
    void degradedWhenALivePeerIsSilentOnOneMediumOrOurOwnMediumIsDown() {
        Decider d = decider(A);
        ClusterState s = d.initial(Map.of(), 0);
        s = apply(d, s, beacon(100 * MS, B, "mc"));
        s = apply(d, s, beacon(100 * MS, B, "serial"));
        assertFalse(s.degraded());
        for (long t = 200; t <= 1200; t += 200) {
            s = apply(d, s, beacon(t * MS, B, "mc"));
            s = apply(d, s, new Event.Tick(t * MS));
        }
        assertTrue(s.peers().get(B).alive());
        assertEquals(java.util.Set.of("serial"), s.peers().get(B).linksDown());
        assertTrue(s.degraded(), "serial silent for deadtime while multicast carries beacons");
        s = apply(d, s, beacon(1300 * MS, B, "serial"));
        assertFalse(s.degraded());
        s = apply(d, s, new Event.MediumHealth(1400 * MS, "mc", false, "no carrier"));
        assertTrue(s.degraded());
        assertEquals(Map.of("mc", "no carrier"), s.localMediaDown());
    }

    @Test
    void initdeadCountsFromTheStartNotFromZero() {
        Decider d = decider(A);
        ClusterState s = d.initial(Map.of(), 7_000 * MS);
        s = apply(d, s, new Event.Tick(7_000 * MS));
        s = apply(d, s, new Event.Tick(8_950 * MS));
        assertEquals(GroupState.INIT, s.group("web").state(), "1,950 ms after the start");
        s = apply(d, s, new Event.Tick(9_000 * MS));
        assertEquals(GroupState.STARTING, s.group("web").state(), "initdead over: claimed, nobody else there");
    }

    @Test
    void mediaOpenSaysHowLongTheMediaTookFromTheStart() {
        Decider d = decider(A);
        ClusterState s = d.initial(Map.of(), 7_000 * MS).mediaOpening();
        Decider.Result r = d.apply(s, new Event.MediaOpen(9_500 * MS));
        Action.Record rec = (Action.Record) r.actions().get(0);
        assertEquals("record media-open opening_ms=2500", rec.describe());
        assertEquals(9_500 * MS, r.state().listeningSince());
        assertEquals(List.of(), d.apply(r.state(), new Event.MediaOpen(9_600 * MS)).actions(), "journaled once");
    }
}
