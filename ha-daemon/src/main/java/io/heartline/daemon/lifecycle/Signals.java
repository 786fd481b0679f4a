package io.heartline.daemon.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP means "reload the config" (systemd's ExecReload, or {@code kill -HUP}). */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                log.info("SIGHUP: reloading the config");
                action.run();
            });
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIGHUP on this JVM ({}); use hactl reload", e.getMessage());
        }
    }

    /**
     * Test-only fault hook: with {@code -Dheartline.fault-hook=true}, SIGUSR2 makes the event loop
     * throw an {@code Error}, as a bug or an OutOfMemoryError there would (the cluster tests prove
     * that the process then ends at once and the peer takes over). Off in production.
     */
    static void onFaultHook(Runnable action) {
        if (!Boolean.getBoolean("heartline.fault-hook")) {
            return;
        }
        log.warn("fault hook armed (-Dheartline.fault-hook=true): SIGUSR2 makes the event loop fail");
        sun.misc.Signal.handle(new sun.misc.Signal("USR2"), sig -> action.run());
    }
}
