package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeResultTest {
    @Test
    void twoMacsAreADuplicate() throws Exception {
        ProbeResult r = new ProbeResult(InetAddress.getByName("10.0.0.10"), "eth0",
                List.of("02:00:00:00:00:02", "02:00:00:00:00:64"), Optional.of(Duration.ofNanos(181_000)),
                Duration.ofMillis(20), 1);
        assertTrue(r.answered());
        assertTrue(r.duplicate());
        assertTrue(r.answeredByOtherThan("02:00:00:00:00:02"));
        assertEquals("10.0.0.10 on eth0: answered by 02:00:00:00:00:02, 02:00:00:00:00:64 first after 181 us"
                + " (waited 20000 us)", r.toString());
    }

    @Test
    void silence() throws Exception {
        ProbeResult r = new ProbeResult(InetAddress.getByName("fd00::2"), "eth1", List.of(), Optional.empty(),
                Duration.ofMillis(5), 0);
        assertFalse(r.answered());
        assertFalse(r.duplicate());
        assertFalse(r.answeredByOtherThan("02:00:00:00:00:02"));
        assertEquals("fd00:0:0:0:0:0:0:2 on eth1: no answer (waited 5000 us)", r.toString());
    }

    @Test
    void macsAndFirstAnswerGoTogether() throws Exception {
        InetAddress ip = InetAddress.getByName("10.0.0.10");
        assertThrows(IllegalArgumentException.class,
                () -> new ProbeResult(ip, "eth0", List.of(), Optional.of(Duration.ZERO), Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ProbeResult(ip, "eth0", List.of("02:00:00:00:00:02"), Optional.empty(), Duration.ZERO, 0));
    }
}
