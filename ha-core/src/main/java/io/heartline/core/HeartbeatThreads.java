package io.heartline.core;

import java.util.function.Consumer;

/**
 * The threads on the heartbeat path (beacon senders and receivers, the event loop) announce
 * themselves here, on themselves, when they start. The daemon installs what to do with them: with
 * {@code timing.realtime-priority} set, give each a real-time scheduling priority so that a
 * loaded machine does not delay beacons into a false failover. A no-op until installed.
 */
public final class HeartbeatThreads {
    private static volatile Consumer<String> onStart = what -> { };

    private HeartbeatThreads() {
    }

    /** What to do on each heartbeat thread as it starts ({@code what} names it for the log). */
    public static void install(Consumer<String> hook) {
        onStart = hook;
    }

    /** Called by a heartbeat thread on itself. */
    public static void started(String what) {
        onStart.accept(what);
    }
}
