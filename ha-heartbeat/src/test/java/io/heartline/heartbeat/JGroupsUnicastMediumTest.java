package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_B;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;

/** The contract kit over TCP + TCPPING between 127.0.0.1 and 127.0.0.2. */
class JGroupsUnicastMediumTest extends HeartbeatMediumContract {
    @Override
    protected MediumPair createPair(MediumContext contextA, MediumContext contextB) {
        String cluster = JGroupsTestNet.clusterName();
        int port = JGroupsTestNet.freeTcpPort();
        return new MediumPair(
                JGroupsMedium.unicast(cluster, JGroupsTestNet.unicast(port, ADDRESS_A), JGroupsTestNet.nodes(),
                        TIMING, contextA),
                JGroupsMedium.unicast(cluster, JGroupsTestNet.unicast(port, ADDRESS_B), JGroupsTestNet.nodes(),
                        TIMING, contextB));
    }
}
