package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the prober refuses, and the loopback kernel's answers (no root needed: IP_RECVERR works for
 * any user). DaemonPortProbeIT probes another node, kills its listener and forges errors.
 */
class RecvErrDaemonProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    @Test
    void refusesMulticastWildcardPortZeroAndNegativeTimeouts() throws Exception {
        try (RecvErrDaemonProbe probe = new RecvErrDaemonProbe(new ManualClock())) {
            assertThrows(IllegalArgumentException.class, () -> probe.probe(new InetSocketAddress("224.0.0.1", 9)));
            assertThrows(IllegalArgumentException.class, () -> probe.probe(new InetSocketAddress("0.0.0.0", 9)));
            assertThrows(IllegalArgumentException.class, () -> probe.probe(new InetSocketAddress("10.0.0.2", 0)));
            assertThrows(IllegalArgumentException.class,
                    () -> probe.probe(new InetSocketAddress("10.0.0.2", 9), Duration.ofMillis(-1)));
        }
    }

    @Test
    void closedProberRefusesToProbe() {
        RecvErrDaemonProbe probe = new RecvErrDaemonProbe(new ManualClock());
        probe.close();
        TakeoverException e = assertThrows(TakeoverException.class, () -> probe.probe(new InetSocketAddress("10.0.0.2", 9)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void loopbackPortOpenWhileTheListenerLivesAndClosedOnceItIsGone() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (RecvErrDaemonProbe probe = new RecvErrDaemonProbe(Clock.system())) {
            DaemonProbeListener listener = DaemonProbeListener.open(List.of(lo), freePort());
            int port = ((InetSocketAddress) listener.channels().get(0).getLocalAddress()).getPort();
            InetSocketAddress peer = new InetSocketAddress(lo, port);

            DaemonProbeResult open = probe.probe(peer, TIMEOUT);
            assertEquals(DaemonProbeResult.Outcome.NO_ERROR, open.outcome(), open.toString());
            assertTrue(open.waited().compareTo(TIMEOUT) >= 0, open.toString());
            assertEquals(1, listener.drain(), "the listener reads and drops the probe");

            listener.close();
            for (int i = 0; i < 3; i++) { // the same socket, again and again
                DaemonProbeResult closed = probe.probe(peer, TIMEOUT);
                assertEquals(DaemonProbeResult.Outcome.PORT_CLOSED, closed.outcome(), closed.toString());
                assertTrue(closed.answer().orElseThrow().compareTo(TIMEOUT) < 0, closed.toString());
                assertEquals(0, closed.ignored(), closed.toString());
            }
        }
    }

    private static int freePort() throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
