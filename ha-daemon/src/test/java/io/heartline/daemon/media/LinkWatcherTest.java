package io.heartline.daemon.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.membership.Event;
import io.heartline.takeover.LinkMonitor;
import io.heartline.takeover.LinkState;
import io.heartline.takeover.LinkState.OperState;
import io.heartline.takeover.TakeoverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The link watch in virtual time with a fake link monitor: rtnetlink events are posted at once and
 * say what changed, sysfs is read again only every second while events arrive, and without
 * rtnetlink (it cannot open, or it stops) every tick reads sysfs as before.
 */
class LinkWatcherTest {
    private static final LinkState UP = link("eth1", true, true, true);
    private static final LinkState SET_DOWN = link("eth1", true, false, true);
    private static final LinkState NO_CARRIER = link("eth1", true, true, false);
    private static final LinkState GONE = link("eth1", false, false, false);

    private final ManualClock clock = new ManualClock();
    private final List<LongFunction<Event>> posted = new ArrayList<>();
    private final AtomicBoolean carrier = new AtomicBoolean(true);
    private final AtomicInteger reads = new AtomicInteger();
    private LinkMonitor.Listener listener;
    private boolean monitorClosed;

    private LinkWatcher withMonitor() {
        return new LinkWatcher(posted::add, clock, l -> {
            listener = l;
            return () -> monitorClosed = true;
        });
    }

    private LinkWatcher withoutNetlink() {
        return new LinkWatcher(posted::add, clock, l -> {
            throw new TakeoverException("cannot open rtnetlink socket: EPERM");
        });
    }

    private void watchMediumAndVip(LinkWatcher w) {
        w.watchInterface("mc", "eth1", () -> {
            reads.incrementAndGet();
            return carrier.get();
        });
        w.watchVipInterface("eth1", List.of("web", "db"), carrier::get);
        w.watchInterface("hb", "eth2", () -> true);
    }

    @Test
    void eventsArePostedAtOnceForEveryWatchOnTheInterfaceAndSayWhatChanged() {
        LinkWatcher w = withMonitor();
        watchMediumAndVip(w);
        w.check();
        assertNotNull(listener, "the first check opens the monitor");
        assertEquals("rtnetlink events", w.mode());
        assertEquals(List.of(), events(), "up at start is no change");

        listener.link(UP);
        assertEquals(List.of(), events(), "the dump repeating what sysfs said");
        listener.link(NO_CARRIER);
        assertEquals(List.of(new Event.MediumHealth(5, "mc", false, "interface eth1 is down (no carrier)"),
                new Event.InterfaceHealth(5, "eth1", false, List.of("web", "db"), "VIP interface eth1 is down (no carrier)")),
                events());
        listener.link(SET_DOWN);
        assertEquals(List.of(), events(), "still down: no new event");
        listener.link(UP);
        assertEquals(List.of(new Event.MediumHealth(5, "mc", true, "interface eth1 is up again"),
                new Event.InterfaceHealth(5, "eth1", true, List.of("web", "db"), "VIP interface eth1 is up again")),
                events());
        listener.link(SET_DOWN);
        assertEquals("interface eth1 is down (set down)", ((Event.MediumHealth) events().get(0)).detail());
        listener.link(UP);
        events();
        listener.link(GONE);
        assertEquals("interface eth1 is down (gone)", ((Event.MediumHealth) events().get(0)).detail());
        listener.link(link("eth3", true, false, false));
        assertEquals(List.of(), events(), "an interface nobody watches");
    }

    @Test
    void startOpensTheMonitorBeforeTheFirstTickSoTheStartLineCanSayHow() {
        LinkWatcher w = withMonitor();
        watchMediumAndVip(w);
        w.start();
        assertEquals("rtnetlink events", w.mode());
        assertEquals(0, reads.get());
        w.start();
        w.check();
        assertEquals(1, reads.get(), "the first check still reads sysfs, whatever the clock says");
    }

    @Test
    void theCheckNeedsEveryTickOnlyWhenPollingOrWatchingASerialPort() {
        LinkWatcher events = withMonitor();
        watchMediumAndVip(events);
        events.start();
        assertFalse(events.everyTick(), "rtnetlink reports interfaces: a check a second is enough");
        events.watch("serial", () -> true, "serial port /dev/ttyS0");
        assertTrue(events.everyTick(), "a serial port has no events: read on every tick");

        LinkWatcher polled = withoutNetlink();
        watchMediumAndVip(polled);
        polled.start();
        assertTrue(polled.everyTick(), "no rtnetlink: interfaces polled on every tick");

        LinkWatcher stopped = withMonitor();
        watchMediumAndVip(stopped);
        stopped.start();
        listener.stopped("recv failed: EBADF");
        assertTrue(stopped.everyTick(), "rtnetlink stopped: polled on every tick from then on");
    }

    @Test
    void whileEventsArriveSysfsIsReadOnlyEverySecond() {
        LinkWatcher w = withMonitor();
        watchMediumAndVip(w);
        w.check();
        assertEquals(1, reads.get(), "the first check reads sysfs");
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofMillis(100));
            w.check();
        }
        assertEquals(1, reads.get(), "not on every tick");

        carrier.set(false);      // a change the monitor did not report: the re-read finds it
        clock.advance(Duration.ofMillis(100));
        w.check();
        assertEquals(2, reads.get());
        assertEquals(2, events().size(), "medium and VIP interface, found by the safety net");
    }

    @Test
    void withoutRtnetlinkEveryTickReadsSysfs() {
        LinkWatcher w = withoutNetlink();
        watchMediumAndVip(w);
        w.check();
        assertEquals("sysfs polling", w.mode());
        for (int i = 0; i < 5; i++) {
            w.check();
        }
        assertEquals(6, reads.get());
        carrier.set(false);
        w.check();
        List<Event> down = events();
        assertEquals(2, down.size());
        assertTrue(((Event.MediumHealth) down.get(0)).detail().startsWith("interface eth1 is down ("), down.toString());
    }

    @Test
    void aMonitorThatStopsFallsBackToPolling() {
        LinkWatcher w = withMonitor();
        watchMediumAndVip(w);
        w.check();
        listener.stopped("rtnetlink receive failed: EBADF");
        assertEquals("sysfs polling", w.mode());
        w.check();
        w.check();
        assertEquals(3, reads.get(), "every tick reads again, no clock advance needed");
    }

    @Test
    void serialPortsAreReadOnEveryTickAndAnInterfaceThatDoesNotExistIsGone() {
        LinkWatcher w = withMonitor();
        AtomicBoolean port = new AtomicBoolean(true);
        w.watch("serial", port::get, "serial /dev/ttyS1");
        w.watchInterface("mc", "hl-no-such-if0");   // real sysfs: no such interface
        w.check();
        assertEquals(List.of(new Event.MediumHealth(5, "mc", false, "interface hl-no-such-if0 is down (gone)")), events());
        port.set(false);
        w.check();
        assertEquals(List.of(new Event.MediumHealth(5, "serial", false, "serial /dev/ttyS1 is down (the device failed)")),
                events());
        w.close();
        assertTrue(monitorClosed);
    }

    @Test
    void onlySerialPortsOpenNoMonitor() {
        LinkWatcher w = withMonitor();
        w.watch("serial", () -> true, "serial /dev/ttyS1");
        w.check();
        assertEquals(null, listener);
        assertEquals("sysfs polling", w.mode());
    }

    /** What was posted since the last call, as the loop would stamp it (at 5). */
    private List<Event> events() {
        List<Event> out = posted.stream().map(f -> f.apply(5)).toList();
        posted.clear();
        return out;
    }

    private static LinkState link(String name, boolean exists, boolean adminUp, boolean carrier) {
        return new LinkState(name, 7, exists, adminUp, carrier, OperState.UNKNOWN);
    }
}
