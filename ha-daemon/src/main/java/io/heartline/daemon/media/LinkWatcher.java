package io.heartline.daemon.media;

import io.heartline.daemon.loop.Inbox;
import io.heartline.membership.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Watches this node's side of each medium: the carrier of a network medium's interface (from
 * sysfs, which {@code ip netns exec} and systemd show for the right namespace) or a serial
 * medium's open port. Posts {@link Event.MediumHealth} to the loop when one changes, so a peer
 * that falls silent while our own side is down is reported as a possible partition.
 */
public final class LinkWatcher {
    /**
     * One thing to watch: a key (a medium's name, or "vip:" and an interface), how to tell whether
     * it is up, and the event that reports a change.
     */
    record Watched(String medium, BooleanSupplier up, String what, Report report) {
    }

    /** The event for a change: {@code up}, with a sentence saying what changed. */
    interface Report {
        Event at(long at, boolean up, String detail);
    }

    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Map<String, Boolean> last = new HashMap<>();
    private final Inbox loop;

    LinkWatcher(Inbox loop) {
        this.loop = loop;
    }

    void watchInterface(String medium, String iface) {
        Carrier carrier = new Carrier(iface);
        watched.put(medium, new Watched(medium, carrier::up, "interface " + iface,
                (at, up, detail) -> new Event.MediumHealth(at, medium, up, detail)));
    }

    /**
     * A VIP's interface (interface tracking): its carrier, which reads as down when the interface
     * is set down too. Reports {@link Event.InterfaceHealth} for the groups with a VIP on it.
     */
    void watchVipInterface(String iface, List<String> groups) {
        Carrier carrier = new Carrier(iface);
        watched.put("vip:" + iface, new Watched("vip:" + iface, carrier::up, "VIP interface " + iface,
                (at, up, detail) -> new Event.InterfaceHealth(at, iface, up, groups, detail)));
    }

    /**
     * An interface's carrier, read again and again through one open sysfs file (a read at offset 0
     * regenerates it), so a fast-profile daemon does not open and close a file 20 times a second.
     * A read that fails (the interface went away) is down, and the file is opened anew next time.
     * Not thread-safe: one reader each (the link watch's timer, a node check's thread).
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

    void watch(String medium, BooleanSupplier up, String what) {
        watched.put(medium, new Watched(medium, up, what, (at, isUp, detail) -> new Event.MediumHealth(at, medium, isUp, detail)));
    }

    /** Called from the timer thread. */
    public void check() {
        for (Watched w : watched.values()) {
            boolean up = w.up().getAsBoolean();
            Boolean before = last.put(w.medium(), up);
            if (before == null ? !up : before != up) {
                String detail = w.what() + (up ? " is up again" : " is down (no carrier, or the device failed)");
                loop.post(at -> w.report().at(at, up, detail));
            }
        }
    }
}
