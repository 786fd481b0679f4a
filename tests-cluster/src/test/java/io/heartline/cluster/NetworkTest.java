package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Naming rules of the lab that need no namespace (address parsing and timing: the testkit's tests). */
class NetworkTest {
    @Test
    void networksArePrivateAndHostsHaveFixedMacsAndShortPorts() {
        assertThrows(IllegalArgumentException.class, () -> new Network("pub", "eth2", "192.0.2", true));
        assertThrows(IllegalArgumentException.class, () -> new Network("bad", "eth2", "10.300.0", true));
        LabHost host = new LabHost("node-a", "hl1x1-node-a", 1, true, List.of(Network.LAN, Network.HEARTBEAT));
        assertEquals("02:68:6c:01:00:01", host.mac(1));
        assertEquals("node-a-eth1", host.switchPort(Network.HEARTBEAT));
        LabHost longName = new LabHost("a-rather-long-name", "hl1x1-x", 3, true, List.of(Network.LAN));
        assertEquals("h3-eth0", longName.switchPort(Network.LAN));
        assertThrows(IllegalArgumentException.class, () -> host.network("eth7"));
    }
}
