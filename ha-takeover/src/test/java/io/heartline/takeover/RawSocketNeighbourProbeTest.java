package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What is refused before any socket is opened (no root needed); ArpProbeIT probes real kernels. */
class RawSocketNeighbourProbeTest {
    private final RawSocketNeighbourProbe probe = new RawSocketNeighbourProbe(new ManualClock());

    @Test
    void nodeCheckNeedsOurOwnAddressOfTheSameFamily() throws Exception {
        InetAddress peer = InetAddress.getByName("10.0.0.2");
        assertThrows(IllegalArgumentException.class, () -> probe.probeNode("eth0", peer, null));
        assertThrows(IllegalArgumentException.class, () -> probe.probeNode("eth0", peer, InetAddress.getByName("0.0.0.0")));
        assertThrows(IllegalArgumentException.class, () -> probe.probeNode("eth0", peer, InetAddress.getByName("fd00::1")));
    }

    @Test
    void multicastTargetsAndNegativeTimeoutsAreRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> probe.probeVip("eth0", InetAddress.getByName("224.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> probe.probeVip("eth0", InetAddress.getByName("ff02::1")));
        assertThrows(IllegalArgumentException.class,
                () -> probe.probeVip("eth0", InetAddress.getByName("10.0.0.10"), Duration.ofMillis(-1)));
    }

    @Test
    void closedProberRefusesToProbe() throws Exception {
        probe.close();
        TakeoverException e = assertThrows(TakeoverException.class,
                () -> probe.probeVip("eth0", InetAddress.getByName("10.0.0.10")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
