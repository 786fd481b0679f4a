package io.heartline.daemon.media;

import io.heartline.core.Clock;
import io.heartline.membership.Event;
import io.heartline.takeover.LinkMonitor;
import io.heartline.takeover.LinkState;
import io.heartline.takeover.TakeoverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this node's side of each medium (a network medium's interface, or a serial medium's
 * port) and each VIP's interface. Posts {@link Event.MediumHealth} / {@link Event.InterfaceHealth}
 * to the loop when one goes down or comes back, so a peer that falls silent while our own side is
 * down is reported as a possible partition, and a group leaves a node whose VIP link is down.
 *
 * <p>Interfaces are watched through rtnetlink ({@link LinkMonitor}: the kernel's link events,
 * posted the moment they arrive, from the monitor's own thread), with sysfs re-read every
 * {@link #RE_READ_NANOS} as a safety net. Without rtnetlink (the socket cannot be opened, or it
 * failed) every {@link #check()} reads each interface's sysfs {@code carrier}, as before. Serial
 * ports are read on every check either way. The first check opens the monitor and logs which way
 * links are watched.
 */
public final class LinkWatcher implements LinkMonitor.Listener {
    /** How often sysfs is read again while rtnetlink events arrive. */
    public static final long RE_READ_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger log = LoggerFactory.getLogger(LinkWatcher.class);

    /**
     * One thing to watch: a key (a medium's name, or "vip:" and an interface), the interface it is
     * on (null for a serial port), how to read whether it is up, and the event that reports a change.
     */
    record Watched(String key, String iface, BooleanSupplier up, String what, Report report) {
    }

    /** The event for a change: {@code up}, with a sentence saying what changed. */
    interface Report {
        Event at(long at, boolean up, String detail);
    }

    /** Opens the link monitor (tests give a fake or a failing one). */
    interface Opener {
        AutoCloseable open(LinkMonitor.Listener listener) throws TakeoverException;
    }

    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Map<String, Boolean> last = new HashMap<>();
    private final Consumer<LongFunction<Event>> loop;
    private final Clock clock;
    private final Opener opener;
    private boolean started;
    private AutoCloseable monitor;      // null: polling
    private long lastReRead;
    private boolean reReadOnce;

    LinkWatcher(Consumer<LongFunction<Event>> loop, Clock clock, Opener opener) {
        this.loop = loop;
        this.clock = clock;
        this.opener = opener;
    }

    void watchInterface(String medium, String iface) {
        watchInterface(medium, iface, new Carrier(iface)::up);
    }

    /** A network medium's interface, whose carrier {@code up} reads (sysfs; tests give their own). */
    void watchInterface(String medium, String iface, BooleanSupplier up) {
        watched.put(medium, new Watched(medium, iface, up, "interface " + iface,
                (at, isUp, detail) -> new Event.MediumHealth(at, medium, isUp, detail)));
    }

    /**
     * A VIP's interface (interface tracking): down when set down, without carrier, or gone.
     * Reports {@link Event.InterfaceHealth} for the groups with a VIP on it.
     */
    void watchVipInterface(String iface, List<String> groups) {
        watchVipInterface(iface, groups, new Carrier(iface)::up);
    }

    void watchVipInterface(String iface, List<String> groups, BooleanSupplier up) {
        watched.put("vip:" + iface, new Watched("vip:" + iface, iface, up, "VIP interface " + iface,
                (at, isUp, detail) -> new Event.InterfaceHealth(at, iface, isUp, groups, detail)));
    }

    /** A serial medium's port (or anything else without an interface): read on every check. */
    void watch(String medium, BooleanSupplier up, String what) {
        watched.put(medium, new Watched(medium, null, up, what,
                (at, isUp, detail) -> new Event.MediumHealth(at, medium, isUp, detail)));
    }

    /**
     * Whether {@link #check()} must run on every tick: interfaces are polled (no rtnetlink), or a
     * serial port is watched. Otherwise once every {@link #RE_READ_NANOS} is enough, and the timer
     * thread need not wake up 100 times a second for nothing (docs/footprint.md).
     */
    public synchronized boolean everyTick() {
        return monitor == null && watched.values().stream().anyMatch(w -> w.iface() != null)
                || watched.values().stream().anyMatch(w -> w.iface() == null);
    }

    /** "rtnetlink events" or "sysfs polling": how interfaces are watched now. */
    public synchronized String mode() {
        return monitor != null ? "rtnetlink events" : "sysfs polling";
    }

    /**
     * Called from the timer thread on every tick: the first call opens the monitor; then serial
     * ports are read every time, interfaces every time while polling and every
     * {@link #RE_READ_NANOS} while events arrive.
     */
    public synchronized void check() {
        start();
        long now = clock.monotonicNanos();
        boolean reRead = monitor == null || !reReadOnce || now - lastReRead >= RE_READ_NANOS;
        reReadOnce = true;
        if (reRead) {
            lastReRead = now;
        }
        for (Watched w : watched.values()) {
            if (w.iface() == null || reRead) {
                String iface = w.iface();
                changed(w, w.up().getAsBoolean(), () -> iface == null ? "the device failed" : downReason(iface));
            }
        }
    }

    /**
     * Opens the link monitor now (the first {@link #check()} does it otherwise), so that
     * {@link #mode()} can go into the start-up line. Idempotent.
     */
    public synchronized void start() {
        if (!started) {
            started = true;
            open();
        }
    }

    /** From the monitor's thread: every watch on this interface sees the change at once. */
    @Override
    public synchronized void link(LinkState state) {
        for (Watched w : watched.values()) {
            if (state.name().equals(w.iface())) {
                changed(w, state.up(), state::why);
            }
        }
    }

    /** From the monitor's thread: rtnetlink failed, so every tick reads sysfs again. */
    @Override
    public synchronized void stopped(String reason) {
        log.error("link watch: rtnetlink events stopped ({}); interfaces are polled from sysfs on every tick from now on",
                reason);
        monitor = null;
    }

    private void open() {
        if (watched.values().stream().allMatch(w -> w.iface() == null)) {
            return;
        }
        try {
            monitor = opener.open(this);
            log.info("link watch: interfaces {} watched through rtnetlink events (RTNLGRP_LINK), sysfs re-read every {} ms",
                    interfaces(), TimeUnit.NANOSECONDS.toMillis(RE_READ_NANOS));
        } catch (TakeoverException | RuntimeException | LinkageError e) {
            log.error("link watch: cannot use rtnetlink ({}): interfaces {} are polled from sysfs on every tick instead",
                    e.getMessage(), interfaces());
        }
    }

    private List<String> interfaces() {
        return watched.values().stream().map(Watched::iface).filter(i -> i != null).distinct().toList();
    }

    /** Posts the change, if it is one; {@code why} is asked only for a change to down. */
    private void changed(Watched w, boolean up, Supplier<String> why) {
        Boolean before = last.put(w.key(), up);
        if (before == null ? !up : before != up) {
            String detail = w.what() + (up ? " is up again" : " is down (" + why.get() + ")");
            loop.accept(at -> w.report().at(at, up, detail));
        }
    }

    /** Stops the monitor's thread, if any (outside the lock: the thread may be waiting for it). */
    public void close() {
        AutoCloseable m;
        synchronized (this) {
            m = monitor;
            monitor = null;
        }
        if (m != null) {
            try {
                m.close();
            } catch (Exception e) {
                log.warn("closing the link monitor: {}", e.toString());
            }
        }
    }

    /**
     * Why an interface whose carrier reads down is down, from sysfs: "gone" (no such interface),
     * "set down" (IFF_UP clear in its flags) or "no carrier".
     */
    static String downReason(String iface) {
        try {
            String flags = Files.readString(Path.of("/sys/class/net", iface, "flags"), StandardCharsets.US_ASCII).trim();
            return (Long.decode(flags) & 0x1) == 0 ? "set down" : "no carrier";
        } catch (NoSuchFileException e) {
            return "gone";
        } catch (IOException | RuntimeException e) {
            return "no carrier";
        }
    }

    /**
     * An interface's carrier, read again and again through one open sysfs file (a read at offset 0
     * regenerates it), so a fast-profile daemon does not open and close a file 20 times a second.
     * A read that fails (the interface is set down or went away) is down, and the file is opened
     * anew next time. Not thread-safe: one reader each (the link watch, a node check's thread).
     */
    public static final class Carrier {
        private final Path file;
        private final java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
        private java.nio.channels.FileChannel ch;

        public Carrier(String iface) {
            this.file = Path.of("/sys/class/net", iface, "carrier");
        }

        public boolean up() {
            try {
                if (ch == null) {
                    ch = java.nio.channels.FileChannel.open(file);
                }
                buf.clear();
                int n = ch.read(buf, 0);
                return n > 0 && buf.get(0) == '1';
            } catch (IOException | RuntimeException e) {
                close();
                return false;
            }
        }

        private void close() {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // already unusable
            }
            ch = null;
        }
    }
}
