package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.TimingConfig;
import io.heartline.core.config.UnicastConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;

class JGroupsStacksTest {
    private static final TimingConfig FAST = new TimingConfig(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofMillis(100), Duration.ofSeconds(2));
    private static final List<NodeConfig> NODES = List.of(
            new NodeConfig(new NodeId("director1"), ip("10.0.0.1"), 100),
            new NodeConfig(new NodeId("director2"), ip("10.0.0.2"), 50),
            new NodeConfig(new NodeId("witness"), ip("10.0.0.3"), 10));

    @Test
    void multicastStack() {
        MulticastConfig cfg = new MulticastConfig("multicast", "eth1", ip("239.192.0.7"), 45588, ip("10.0.0.1"));
        List<Protocol> stack = JGroupsStacks.multicast(cfg, FAST);
        assertEquals(List.of(UDP.class, PING.class, MERGE3.class, FD_SOCK2.class, FD_ALL3.class,
                VERIFY_SUSPECT2.class, NAKACK2.class, UNICAST3.class, STABLE.class, GMS.class), classes(stack));
        UDP udp = (UDP) stack.get(0);
        assertEquals(ip("239.192.0.7"), udp.getMulticastAddress());
        assertEquals(45588, udp.getMulticastPort());
        assertEquals(ip("10.0.0.1"), udp.getBindAddress());
        assertEquals(JGroupsStacks.DEFAULT_IP_TTL, udp.getIpTTL());
        assertEquals(0, udp.getBindPort(), "the unicast socket takes any free port");
        assertEquals(JGroupsStacks.SOCKET_BUFFER, udp.getMcastRecvBufSize());
        assertTrue(find(stack, NAKACK2.class).useMcastXmit());
        assertUpperStack(stack);

        assertEquals(0, ((UDP) JGroupsStacks.multicast(cfg, FAST, 0).get(0)).getIpTTL());
    }

    @Test
    void unicastStack() {
        UnicastConfig cfg = new UnicastConfig("unicast", 7800, ip("10.0.0.2"));
        List<Protocol> stack = JGroupsStacks.unicast(cfg, NODES, FAST);
        assertEquals(List.of(TCP.class, TCPPING.class, MERGE3.class, FD_SOCK2.class, FD_ALL3.class,
                VERIFY_SUSPECT2.class, NAKACK2.class, UNICAST3.class, STABLE.class, GMS.class), classes(stack));
        TCP tcp = (TCP) stack.get(0);
        assertEquals(ip("10.0.0.2"), tcp.getBindAddress());
        assertEquals(7800, tcp.getBindPort());
        assertEquals(0, tcp.getPortRange(), "exactly the configured port, as the peers expect");
        assertEquals(200, tcp.getSockConnTimeout(), "a connect to a dead host gives up after deadtime");
        TCPPING ping = (TCPPING) stack.get(1);
        assertEquals(Set.of(new IpAddress(ip("10.0.0.1"), 7800), new IpAddress(ip("10.0.0.2"), 7800),
                new IpAddress(ip("10.0.0.3"), 7800)), Set.copyOf(ping.getInitialHosts()));
        assertEquals(0, ping.getPortRange());
        assertFalse(find(stack, NAKACK2.class).useMcastXmit(), "TCP has no multicast");
        assertUpperStack(stack);
    }

    @Test
    void unicastTargetsAreEveryOtherNode() {
        UnicastConfig cfg = new UnicastConfig("unicast", 7800, ip("10.0.0.2"));
        List<PhysicalAddress> targets = JGroupsStacks.unicastTargets(cfg, NODES, new NodeId("director2"));
        assertEquals(List.of(new IpAddress(ip("10.0.0.1"), 7800), new IpAddress(ip("10.0.0.3"), 7800)), targets);
    }

    @Test
    void failureDetectionFollowsTheHeartbeatTiming() {
        assertEquals(200, JGroupsStacks.fdIntervalMillis(FAST), "never below 200 ms");
        assertEquals(400, JGroupsStacks.fdTimeoutMillis(FAST), "at least two intervals");
        TimingConfig slow = new TimingConfig(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        assertEquals(500, JGroupsStacks.fdIntervalMillis(slow), "the heartbeat interval when slower");
        assertEquals(3000, JGroupsStacks.fdTimeoutMillis(slow), "the deadtime");
    }

    @Test
    void beaconsAreUnreliableOutOfBandUnbundledAndNotLoopedBack() {
        Message m = JGroupsMedium.beaconMessage(null, new byte[] {1, 2, 3});
        for (Message.Flag f : List.of(Message.Flag.OOB, Message.Flag.NO_RELIABILITY, Message.Flag.NO_FC,
                Message.Flag.DONT_BUNDLE)) {
            assertTrue(m.isFlagSet(f), f.toString());
        }
        assertTrue(m.isFlagSet(Message.TransientFlag.DONT_LOOPBACK));
        assertEquals(3, m.getLength());
    }

    @Test
    void jgroupsLogsThroughSlf4j() {
        JGroupsStacks.multicast(new MulticastConfig("m", "lo", ip("239.1.1.1"), 45000, ip("127.0.0.1")), FAST);
        assertInstanceOf(Slf4jLogImpl.class, LogFactory.getLog(JGroupsStacksTest.class));
        assertInstanceOf(Slf4jLogImpl.class, LogFactory.getLog(UDP.class));
    }

    private static void assertUpperStack(List<Protocol> stack) {
        FD_ALL3 fd = find(stack, FD_ALL3.class);
        assertEquals(200, fd.getInterval());
        assertEquals(400, fd.getTimeout());
        assertEquals(200, find(stack, VERIFY_SUSPECT2.class).getTimeout());
        GMS gms = find(stack, GMS.class);
        assertEquals(500, gms.getJoinTimeout(), "a lone node forms its view after half a second");
        assertFalse(gms.printLocalAddress());
        MERGE3 merge = find(stack, MERGE3.class);
        assertEquals(1_000, merge.getMinInterval());
        assertEquals(3_000, merge.getMaxInterval());
    }

    private static List<Class<?>> classes(List<Protocol> stack) {
        return stack.stream().<Class<?>>map(Object::getClass).toList();
    }

    private static <T extends Protocol> T find(List<Protocol> stack, Class<T> type) {
        return stack.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
