package io.heartline.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The messages and the environment, as systemd defines them; no socket involved. */
class SystemdTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingSender sender = new RecordingSender(scheduler.clock());
    private final SystemdNotifier notifier = new SystemdNotifier(sender);

    @Test
    void messagesFollowSdNotify() {
        notifier.ready("node a up");
        notifier.status("2 groups");
        notifier.watchdog();
        notifier.stopping("handing groups over");

        assertEquals(List.of("READY=1\nSTATUS=node a up", "STATUS=2 groups", "WATCHDOG=1",
                "STOPPING=1\nSTATUS=handing groups over"), sender.messages());
    }

    @Test
    void statusTextCannotInjectAnotherAssignment() {
        notifier.status("group x\nREADY=1");

        assertEquals(List.of("STATUS=group x READY=1"), sender.messages());
    }

    @Test
    void withoutNotifySocketNothingIsEnabled() {
        Systemd s = Systemd.from(Map.of("WATCHDOG_USEC", "10000000"), 1, CompletableFuture::new, scheduler.clock(), scheduler);

        assertSame(Systemd.NONE, s);
        assertFalse(SystemdNotifier.fromEnvironment(Map.of()).enabled());
        s.ready("up");
        assertEquals(0, scheduler.pending(), "no watchdog without NOTIFY_SOCKET");
    }

    @Test
    void withNotifySocketTheWatchdogStartsAtReady() {
        Systemd s = Systemd.from(Map.of("NOTIFY_SOCKET", "@heartline-none", "WATCHDOG_USEC", "10000000"), 1,
                CompletableFuture::new, scheduler.clock(), scheduler);
        assertTrue(s != Systemd.NONE);
        assertEquals(0, scheduler.pending());

        s.ready("up");
        assertEquals(1, scheduler.pending(), "the first watchdog tick");
        s.close();
        assertEquals(0, scheduler.pending());
    }

    @Test
    void watchdogPeriodFromTheEnvironment() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), WatchdogSettings.period(Map.of("WATCHDOG_USEC", "10000000"), 42));
        assertEquals(Optional.of(Duration.ofMillis(500)),
                WatchdogSettings.period(Map.of("WATCHDOG_USEC", "500000", "WATCHDOG_PID", "42"), 42));
        assertEquals(Optional.empty(), WatchdogSettings.period(Map.of("WATCHDOG_USEC", "500000", "WATCHDOG_PID", "7"), 42),
                "another process is the one watched");
        assertEquals(Optional.empty(), WatchdogSettings.period(Map.of(), 42));
    }

    @Test
    void aMalformedWatchdogVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WatchdogSettings.period(Map.of("WATCHDOG_USEC", "10s"), 42));
        assertEquals("WATCHDOG_USEC='10s' is not a positive whole number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WatchdogSettings.period(Map.of("WATCHDOG_USEC", "1000", "WATCHDOG_PID", "-1"), 42));
        assertEquals("WATCHDOG_PID='-1' is not a positive whole number", e.getMessage());
    }

    @Test
    void aBadNotifySocketIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "run/notify")));
        assertEquals("NOTIFY_SOCKET='run/notify' is neither an absolute path nor an abstract name (@name)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UnixAddress.of("/" + "x".repeat(107)));
        assertTrue(e.getMessage().contains("longer than a Unix socket address"), e.getMessage());
    }

    @Test
    void abstractNamesStartWithNulAndCarryNoTerminator() {
        UnixAddress a = UnixAddress.of("@hb");
        assertEquals(2 + 3, a.length());
        assertEquals(0, a.bytes()[2]);
        assertEquals('h', a.bytes()[3]);

        UnixAddress p = UnixAddress.of("/run/n");
        assertEquals(2 + 6 + 1, p.length());
        assertEquals('/', p.bytes()[2]);
    }
}
