package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_B;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A foreign JGroups member (a plain {@link JChannel} with the cluster's name, Heartline's own
 * stack, no key, and a configured node's name) joins the view, even as its coordinator, sends
 * junk, beacons under another key and replays of real beacons, and installs a forged view. None of
 * it reaches the listener: no beacon, no membership event; every message it sends is counted as
 * exactly one rejection; the real peer's beacons still pass.
 */
class JGroupsForeignMemberTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final AuthKey KEY = AuthKey.of("foreign-member-test-key-0123456789");
    private static final AuthKey OTHER_KEY = AuthKey.of("not-the-cluster-key-but-long-enough");
    private static final int JUNK = 300;
    private static final InetAddress ADDRESS_FOREIGN = JGroupsTestNet.address("127.0.0.3");

    private final MediumContext contextA = new MediumContext(A, Set.of(A, B), KEY);
    private final MediumContext contextB = new MediumContext(B, Set.of(A, B), KEY);
    private final RecordingListener atA = new RecordingListener();
    private final RecordingListener atB = new RecordingListener();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aForeignCoordinatorOnMulticastChangesNothing() throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        JChannel foreign = foreign(JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0),
                cluster);
        JGroupsMedium a = medium(new JGroupsMedium("multicast", cluster,
                JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(),
                contextA), atA);
        JGroupsMedium b = medium(new JGroupsMedium("multicast", cluster,
                JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(),
                contextB), atB);
        attack(foreign, a, b);
    }

    @Test
    void aForeignMemberOnTcpChangesNothing() throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        int port = JGroupsTestNet.freeTcpPort();
        JGroupsMedium a = medium(JGroupsMedium.unicast(cluster, JGroupsTestNet.unicast(port, ADDRESS_A),
                JGroupsTestNet.nodes(), TIMING, contextA), atA);
        JGroupsMedium b = medium(JGroupsMedium.unicast(cluster, JGroupsTestNet.unicast(port, ADDRESS_B),
                JGroupsTestNet.nodes(), TIMING, contextB), atB);
        JChannel foreign = foreign(JGroupsStacks.unicast(JGroupsTestNet.unicast(port, ADDRESS_FOREIGN),
                JGroupsTestNet.nodes(), TIMING), cluster);
        attack(foreign, a, b);
    }

    private void attack(JChannel foreign, JGroupsMedium a, JGroupsMedium b) throws Exception {
        // The stranger is in the view: JGroups itself does not keep it out.
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(Duration.ofMillis(20))
                .until(() -> a.members().size() == 3 && foreign.getView().size() == 3);

        // A real beacon of B, captured on the wire, to replay.
        sendUntilReceived(b, B, atA);
        byte[] captured = new BeaconCodec(KEY).encode(Beacon.empty(B, 1, seq.get()));
        long rejectedBefore = a.stats().snapshot().rejectedTotal();
        long lastRealSeq = seq.get();

        SplittableRandom random = new SplittableRandom(42);
        BeaconCodec forger = new BeaconCodec(OTHER_KEY);
        List<Address> targets = foreign.getView().getMembers().stream()
                .filter(m -> !m.equals(foreign.getAddress())).toList();
        for (int i = 0; i < JUNK; i++) {
            byte[] payload = switch (i % 3) {
                case 0 -> junk(random);
                case 1 -> forger.encode(Beacon.empty(B, 9_999_999, i));
                default -> captured;
            };
            for (Address to : targets) {
                foreign.send(new BytesMessage(to, payload)); // reliable: none lost, so the count is exact
            }
        }
        // A forged view that leaves A's real peer out.
        GMS gms = foreign.getProtocolStack().findProtocol(GMS.class);
        View forged = View.create(foreign.getAddress(), foreign.getView().getViewId().getId() + 10,
                foreign.getAddress(), a.channel().getAddress());
        gms.castViewChangeAndSendJoinRsps(forged, null, forged.getMembers(), List.of(), null);

        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(Duration.ofMillis(20))
                .failFast("counted more than sent", () -> a.stats().snapshot().rejectedTotal() - rejectedBefore > JUNK)
                .alias("A's rejections").until(() -> a.stats().snapshot().rejectedTotal() - rejectedBefore, n -> n >= JUNK);
        MediumStats.Snapshot s = a.stats().snapshot();
        assertEquals(JUNK, s.rejectedTotal() - rejectedBefore, "each message of the stranger is one rejection: " + s);
        assertEquals(JUNK / 3, s.rejected(Reason.BAD_MAC), s.toString());
        assertEquals(JUNK / 3, s.rejected(Reason.REPLAY), s.toString());
        assertEquals(JUNK, atA.rejections().size(), "the listener hears of each rejection once");
        // Beacons B sent before the attack may still arrive; nothing else may be accepted.
        for (RecordingListener.Received r : atA.received()) {
            assertTrue(r.beacon().from().equals(B) && r.beacon().incarnation() == 1 && r.beacon().seq() <= lastRealSeq,
                    "accepted something not sent by B: " + r.beacon());
        }

        // The real peer is still heard.
        int before = atA.beaconsFrom(B).size();
        sendUntilReceived(b, B, atA);
        assertTrue(atA.beaconsFrom(B).size() > before);
    }

    private static byte[] junk(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(0, 200)];
        random.nextBytes(b);
        return b;
    }

    private JChannel foreign(List<Protocol> stack, String cluster) throws Exception {
        JChannel ch = new JChannel(stack);
        ch.setName("node-b"); // a configured node's name: names in a JGroups view prove nothing
        open.add(ch);
        ch.connect(cluster);
        return ch;
    }

    private JGroupsMedium medium(JGroupsMedium m, RecordingListener l) throws Exception {
        open.add(m);
        m.start(l);
        return m;
    }

    private void sendUntilReceived(JGroupsMedium from, NodeId node, RecordingListener at) {
        int before = at.beaconsFrom(node).size();
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    from.send(Beacon.empty(node, 1, seq.incrementAndGet()));
                    return at.beaconsFrom(node).size() > before;
                });
    }
}
