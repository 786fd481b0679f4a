package io.heartline.daemon.systemd;

import java.io.IOException;

/** Delivers one {@code sd_notify} message (lines of {@code KEY=value}); a seam for tests. */
@FunctionalInterface
interface NotifySender {
    void send(String message) throws IOException;
}
