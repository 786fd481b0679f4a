package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.UdpConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract kit over plain UDP on loopback: node-a on 127.0.0.1, node-b on 127.0.0.2, the same
 * port, each sending to the other's address (the unicast form of {@code type = udp}).
 */
class UdpMediumTest extends HeartbeatMediumContract {
    static final String NAME = "hb-udp";

    @Override
    protected MediumPair createPair(MediumContext contextA, MediumContext contextB) {
        int port = JGroupsTestNet.freeUdpPort();
        return new MediumPair(pairMember(contextA, port, ADDRESS_A, ADDRESS_B),
                pairMember(contextB, port, ADDRESS_B, ADDRESS_A));
    }

    static UdpMedium pairMember(MediumContext ctx, int port, java.net.InetAddress self, java.net.InetAddress peer) {
        return new UdpMedium(NAME, new InetSocketAddress(self, port), null, null,
                List.of(new InetSocketAddress(peer, port)), ctx);
    }

    @Test
    void peerIsHeardOnThisMediumsName() {
        sendUntil(a, n -> new BeaconCodec(KEY).encode(beacon(NODE_A, n)), () -> !atB.received().isEmpty());
        assertEquals(NAME, atB.received().get(0).medium());
        assertEquals(NODE_A, atB.received().get(0).beacon().from());
        assertTrue(b.stats().received(NODE_A) >= 1, "counted under the peer on this medium");
    }

    @Test
    void receivesOnOneThreadThatIsNotTheSender() {
        sendUntil(a, n -> new BeaconCodec(KEY).encode(beacon(NODE_A, n)), () -> !atB.received().isEmpty());
        Thread loop = ((UdpMedium) b).loopThread();
        assertEquals("heartline-udp-" + NAME, loop.getName());
        assertTrue(loop.isAlive());
        assertNotEquals(Thread.currentThread(), loop);
    }

    @Test
    void configuredUnicastReachesTheOtherNodeAtItsAddress() throws Exception {
        List<NodeConfig> nodes = JGroupsTestNet.nodes();
        int port = JGroupsTestNet.freeUdpPort();
        RecordingListener heard = new RecordingListener();
        try (UdpMedium ma = UdpMedium.of(new UdpConfig("udp", port, null, null, ADDRESS_A), nodes,
                MediumContext.of(NODE_A, nodes, KEY));
             UdpMedium mb = UdpMedium.of(new UdpConfig("udp", port, null, null, ADDRESS_B), nodes,
                     MediumContext.of(NODE_B, nodes, KEY))) {
            ma.start(new RecordingListener());
            mb.start(heard);
            assertEquals(new InetSocketAddress(ADDRESS_B, port), mb.localAddress());
            sendUntil(ma, n -> new BeaconCodec(KEY).encode(beacon(NODE_A, n)), () -> !heard.received().isEmpty());
            assertEquals(NODE_A, heard.received().get(0).beacon().from());
            assertEquals(0, ma.stats().sendErrors(), "node-a sends to node-b only, never to itself");
        }
    }

    /** The multicast form, on {@code lo} with multicast loop on (both nodes are on this host). */
    @Test
    void multicastGroupCarriesBeaconsBetweenNodes() throws Exception {
        java.net.InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        Set<io.heartline.core.NodeId> nodes = Set.of(NODE_A, NODE_B);
        RecordingListener heard = new RecordingListener();
        try (UdpMedium ma = new UdpMedium("mc", new InetSocketAddress(port), group, "lo", List.of(), true,
                new MediumContext(NODE_A, nodes, KEY));
             UdpMedium mb = new UdpMedium("mc", new InetSocketAddress(port), group, "lo", List.of(), true,
                     new MediumContext(NODE_B, nodes, KEY))) {
            ma.start(new RecordingListener());
            mb.start(heard);
            sendUntil(ma, n -> new BeaconCodec(KEY).encode(beacon(NODE_A, n)), () -> !heard.received().isEmpty());
            assertEquals(NODE_A, heard.received().get(0).beacon().from());
            assertEquals("mc", heard.received().get(0).medium());
        }
    }

    @Test
    void theLoopThreadAsksForRealtimePriorityAsItStarts() throws Exception {
        List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.heartline.core.HeartbeatThreads.install(announced::add);
        try (UdpMedium m = pairMember(new MediumContext(NODE_A, Set.of(NODE_A, NODE_B), KEY),
                JGroupsTestNet.freeUdpPort(), ADDRESS_A, ADDRESS_B)) {
            m.start(new RecordingListener());
            org.awaitility.Awaitility.await().atMost(Timing.scaled(java.time.Duration.ofSeconds(5)))
                    .until(() -> announced.contains("beacon loop of " + NAME));
        } finally {
            io.heartline.core.HeartbeatThreads.install(what -> { });
        }
    }
}
