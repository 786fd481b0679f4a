package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_B;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Beacons must pass between two channels that are not in the same JGroups view (right after a
 * partition each side holds a singleton view, and MERGE3 needs seconds to merge them), as soon
 * as packets flow again.
 */
class JGroupsPartitionTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final AuthKey KEY = AuthKey.of("partition-test-key-0123456789abc");
    /** Far below MERGE3's first possible merge (1 s): a beacon that makes it was not waiting for one. */
    private static final Duration BEACON_BOUND = Duration.ofMillis(500);

    private final MediumContext contextA = new MediumContext(A, Set.of(A, B), KEY);
    private final MediumContext contextB = new MediumContext(B, Set.of(A, B), KEY);
    private final RecordingListener atA = new RecordingListener();
    private final RecordingListener atB = new RecordingListener();
    private final List<JGroupsMedium> media = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    @AfterEach
    void close() {
        media.forEach(JGroupsMedium::close);
    }

    @Test
    void multicastBeaconsCrossSplitViews() throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        start(new JGroupsMedium("multicast", cluster,
                        JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(),
                        contextA),
                new JGroupsMedium("multicast", cluster,
                        JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(),
                        contextB));
        splitViewsAndExchangeBeacons();
    }

    @Test
    void unicastBeaconsCrossSplitViews() throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        int port = JGroupsTestNet.freeTcpPort();
        start(JGroupsMedium.unicast(cluster, JGroupsTestNet.unicast(port, ADDRESS_A), JGroupsTestNet.nodes(), TIMING,
                        contextA),
                JGroupsMedium.unicast(cluster, JGroupsTestNet.unicast(port, ADDRESS_B), JGroupsTestNet.nodes(), TIMING,
                        contextB));
        splitViewsAndExchangeBeacons();
    }

    /** A real cut (every packet dropped above the transport) until each side is alone, then healed. */
    @Test
    void multicastBeaconsPassAsSoonAsAPartitionHeals() throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        DISCARD cutA = new DISCARD();
        DISCARD cutB = new DISCARD();
        start(new JGroupsMedium("multicast", cluster,
                        withAboveTransport(JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A),
                                TIMING, 0), cutA), List.of(), contextA),
                new JGroupsMedium("multicast", cluster,
                        withAboveTransport(JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A),
                                TIMING, 0), cutB), List.of(), contextB));
        cutA.discardAll(true);
        cutB.discardAll(true);
        awaitMembers(media.get(0), List.of("node-a"), Duration.ofSeconds(5));
        awaitMembers(media.get(1), List.of("node-b"), Duration.ofSeconds(5));

        cutA.discardAll(false);
        cutB.discardAll(false);
        exchangeBeaconsWhileAlone();
    }

    private void start(JGroupsMedium a, JGroupsMedium b) throws Exception {
        media.add(a);
        media.add(b);
        a.start(atA);
        b.start(atB);
        awaitMembers(a, List.of("node-a", "node-b"), Duration.ofSeconds(5));
        awaitMembers(b, List.of("node-a", "node-b"), Duration.ofSeconds(5));
    }

    private void splitViewsAndExchangeBeacons() {
        for (JGroupsMedium m : media) {
            JChannel ch = m.channel();
            View alone = View.create(ch.getAddress(), ch.getView().getViewId().getId() + 1, ch.getAddress());
            GMS gms = ch.getProtocolStack().findProtocol(GMS.class);
            gms.installView(alone);
        }
        awaitMembers(media.get(0), List.of("node-a"), Duration.ofSeconds(1));
        awaitMembers(media.get(1), List.of("node-b"), Duration.ofSeconds(1));
        exchangeBeaconsWhileAlone();
    }

    private void exchangeBeaconsWhileAlone() {
        sendUntilReceived(media.get(0), A, media.get(1), atB, "node-b");
        sendUntilReceived(media.get(1), B, media.get(0), atA, "node-a");
    }

    /** Sends beacons until one arrives; it must have arrived while the receiver was alone in its view. */
    private void sendUntilReceived(JGroupsMedium from, NodeId node, JGroupsMedium to, RecordingListener at,
                                   String receiver) {
        await().atMost(Timing.scaled(BEACON_BOUND)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    from.send(Beacon.empty(node, 1, seq.incrementAndGet()));
                    return !at.beaconsFrom(node).isEmpty();
                });
        // A merge takes MERGE3 at least a second; the view is still the receiver alone.
        assertEquals(List.of(receiver), to.members().names(),
                receiver + " accepted the beacon of " + node + " while its view held only itself");
    }

    private static void awaitMembers(JGroupsMedium m, List<String> members, Duration bound) {
        await().atMost(Timing.scaled(bound)).pollInterval(Duration.ofMillis(10))
                .until(() -> m.members().names().equals(members));
    }

    private static List<Protocol> withAboveTransport(List<Protocol> stack, Protocol p) {
        List<Protocol> copy = new ArrayList<>(stack);
        copy.add(1, p);
        return copy;
    }
}
