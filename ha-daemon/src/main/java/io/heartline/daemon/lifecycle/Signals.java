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
}
