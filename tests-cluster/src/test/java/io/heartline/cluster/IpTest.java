package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and naming rules that need no namespace. */
class IpTest {
    @Test
    void parsesOneLineAddressOutput() {
        String out = "2: eth0    inet 10.77.0.1/24 scope global eth0\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet 10.77.0.10/24 scope global secondary eth0\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet6 fe80::68:6cff:fe00:1/64 scope link \\       valid_lft forever preferred_lft forever\n";
        assertEquals(List.of("10.77.0.1/24", "10.77.0.10/24", "fe80::68:6cff:fe00:1/64"), Ip.parseAddresses(out));
        assertEquals(List.of(), Ip.parseAddresses(""));
    }

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

    @Test
    void timingScalesByTheProperty() {
        String before = System.getProperty(Timing.PROPERTY);
        try {
            System.setProperty(Timing.PROPERTY, "2.5");
            assertEquals(Duration.ofMillis(250), Timing.scaled(Duration.ofMillis(100)));
            System.setProperty(Timing.PROPERTY, "");
            assertEquals(Duration.ofMillis(100), Timing.scaled(Duration.ofMillis(100)));
            System.setProperty(Timing.PROPERTY, "-1");
            assertThrows(IllegalStateException.class, Timing::multiplier);
        } finally {
            if (before == null) {
                System.clearProperty(Timing.PROPERTY);
            } else {
                System.setProperty(Timing.PROPERTY, before);
            }
        }
    }
}
