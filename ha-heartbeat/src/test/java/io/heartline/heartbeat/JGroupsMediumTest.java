package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.util.List;
import org.jgroups.JChannel;
import org.junit.jupiter.api.Test;

/**
 * The contract kit over UDP multicast on the loopback interface (TTL 0: never leaves the host).
 * Both nodes bind 127.0.0.1: JGroups joins the group on the interface that owns the bind address,
 * and 127.0.0.2 is routed to {@code lo} without being one of its addresses.
 */
class JGroupsMediumTest extends HeartbeatMediumContract {
    @Override
    protected MediumPair createPair(MediumContext contextA, MediumContext contextB) {
        String cluster = JGroupsTestNet.clusterName();
        InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        return new MediumPair(
                new JGroupsMedium("multicast", cluster,
                        JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0),
                        List.of(), contextA),
                new JGroupsMedium("multicast", cluster,
                        JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0),
                        List.of(), contextB));
    }

    @Test
    void diagnosticsSocketIsOff() {
        for (AbstractMedium m : List.of(a, b)) {
            JChannel ch = ((JGroupsMedium) m).channel();
            assertFalse(ch.getProtocolStack().getTransport().getDiagnosticsHandler().isEnabled());
        }
    }
}
