package io.heartline.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.ExitCode;
import io.heartline.daemon.StartupException;
import io.heartline.takeover.DaemonProbeResult;
import io.heartline.takeover.RecvErrDaemonProbe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This node's probe port on loopback, asked with the real daemon check: open (no error) while it
 * is held, closed (a port unreachable) once it is closed; a port someone else holds stops the start
 * with an error that names the address and the port.
 */
class ProbePortTest {
    static final InetAddress LO = InetAddress.getLoopbackAddress();

    static int freePort() throws Exception {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(LO, 0));
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
    }

    @Test
    void heldOpenWhileTheDaemonRunsClosedOnceItIsGone() throws Exception {
        int port = freePort();
        InetSocketAddress target = new InetSocketAddress(LO, port);
        try (RecvErrDaemonProbe probe = new RecvErrDaemonProbe(Clock.system())) {
            ProbePort open = ProbePort.open(List.of(LO), port);
            try {
                open.start();
                for (int i = 0; i < 3; i++) {
                    assertEquals(DaemonProbeResult.Outcome.NO_ERROR, probe.probe(target, Duration.ofMillis(5)).outcome());
                }
            } finally {
                open.close();
            }
            assertEquals(DaemonProbeResult.Outcome.PORT_CLOSED, probe.probe(target, Duration.ofMillis(50)).outcome());
        }
    }

    @Test
    void aPortSomeoneElseHoldsStopsTheStartNamingTheAddressAndPort() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(LO, 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            StartupException e = assertThrows(StartupException.class, () -> ProbePort.open(List.of(LO), port));
            assertEquals(ExitCode.OSERR, e.exitCode());
            assertTrue(e.getMessage().contains("port " + port + " on " + LO.getHostAddress()), e.getMessage());
            assertTrue(e.getMessage().contains("timing.probe-port"), e.getMessage());
        }
    }
}
