package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.stack.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 datagrams of random bytes at a running multicast medium, half to its unicast socket and
 * half to its multicast group: nothing reaches the listener (JGroups drops what does not parse as
 * one of its messages, below Heartline), and a valid beacon still arrives afterwards.
 */
class JGroupsGarbageTest {
    private static final int DATAGRAMS = 10_000;
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final AuthKey KEY = AuthKey.of("garbage-test-key-0123456789abcdef");
    private final RecordingListener atA = new RecordingListener();
    private final RecordingListener atB = new RecordingListener();
    private JGroupsMedium a;
    private JGroupsMedium b;

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void randomDatagramsChangeNothingAndBeaconsStillPass() throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        a = new JGroupsMedium("multicast", cluster,
                JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(),
                new MediumContext(A, Set.of(A, B), KEY));
        b = new JGroupsMedium("multicast", cluster,
                JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(),
                new MediumContext(B, Set.of(A, B), KEY));
        a.start(atA);
        b.start(atB);
        IpAddress unicast = (IpAddress) a.channel().down(new org.jgroups.Event(org.jgroups.Event.GET_PHYSICAL_ADDRESS, a.channel().getAddress()));

        SplittableRandom random = new SplittableRandom(99);
        try (MulticastSocket s = new MulticastSocket(new InetSocketAddress(ADDRESS_A, 0))) {
            s.setNetworkInterface(NetworkInterface.getByInetAddress(ADDRESS_A));
            s.setTimeToLive(0);
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] junk = new byte[random.nextInt(1, 1_500)];
                random.nextBytes(junk);
                if (i % 4 == 0 && junk.length > 2) { // JGroups' own version, so the parser gets further
                    junk[0] = 0x14;
                    junk[1] = 0x20;
                }
                InetSocketAddress to = i % 2 == 0 ? new InetSocketAddress(unicast.getIpAddress(), unicast.getPort())
                        : new InetSocketAddress(group, port);
                s.send(new DatagramPacket(junk, junk.length, to));
            }
        }

        AtomicLong seq = new AtomicLong();
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    b.send(Beacon.empty(B, 1, seq.incrementAndGet()));
                    return !atA.beaconsFrom(B).isEmpty();
                });
        System.out.println("JGroupsGarbageTest: " + DATAGRAMS + " inputs (random datagrams), none delivered, "
                + a.stats().snapshot().rejectedTotal() + " reached the beacon checks, a valid beacon passed after them");
        assertEquals(atA.received().size(), atA.beaconsFrom(B).size(), "only B's beacons were accepted");
        assertEquals(atA.rejections().size(), a.stats().snapshot().rejectedTotal());
    }
}
