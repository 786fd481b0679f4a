package io.heartline.daemon.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.heartline.core.Clock;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The raw sockets against this host's own kernel, which answers echo on loopback (the tests run as
 * root, as the daemon does: a raw socket needs CAP_NET_RAW). Real time, bounded by the receive's wait.
 */
class RawEchoSocketTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void theKernelAnswersOurEchoOnEitherFamily() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        try (RawEchoSocket s = RawEchoSocket.open(List.of(v4, v6), Clock.system())) {
            assertEquals(0, s.send(v4, 41));
            assertEquals(new EchoSocket.Answer(v4, 41), s.receive(SECOND));
            assertEquals(0, s.send(v6, 42));
            assertEquals(new EchoSocket.Answer(v6, 42), s.receive(SECOND));
            assertNull(s.receive(20_000_000L), "nothing more: each request has one answer, and the wait is bounded");
        }
    }
}
