package io.heartline.daemon;

import io.heartline.membership.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Watches this node's side of each medium: the carrier of a network medium's interface (from
 * sysfs, which {@code ip netns exec} and systemd show for the right namespace) or a serial
 * medium's open port. Posts {@link Event.MediumHealth} to the loop when one changes, so a peer
 * that falls silent while our own side is down is reported as a possible partition.
 */
final class LinkWatcher {
    /** One thing to watch: a medium name and how to tell whether our side of it is up. */
    record Watched(String medium, BooleanSupplier up, String what) {
    }

    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Map<String, Boolean> last = new HashMap<>();
    private final EventLoop loop;

    LinkWatcher(EventLoop loop) {
        this.loop = loop;
    }

    void watchInterface(String medium, String iface) {
        watched.put(medium, new Watched(medium, () -> carrier(iface), "interface " + iface));
    }

    void watch(String medium, BooleanSupplier up, String what) {
        watched.put(medium, new Watched(medium, up, what));
    }

    /** Called from the timer thread. */
    void check() {
        for (Watched w : watched.values()) {
            boolean up = w.up().getAsBoolean();
            Boolean before = last.put(w.medium(), up);
            if (before == null ? !up : before != up) {
                String detail = w.what() + (up ? " is up again" : " is down (no carrier, or the device failed)");
                loop.post(at -> new Event.MediumHealth(at, w.medium(), up, detail));
            }
        }
    }

    /** Carrier of an interface: "1" in sysfs; unreadable (admin down) or "0" is down. */
    static boolean carrier(String iface) {
        try {
            return Files.readString(Path.of("/sys/class/net", iface, "carrier")).strip().equals("1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
