package io.heartline.daemon.systemd;

import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the daemon's life ({@code sd_notify(3)}'s protocol): {@code READY=1} once
 * the control socket listens, so {@code systemctl start} returns when {@code hactl} can be used;
 * {@code STATUS=} lines for {@code systemctl status}; {@code WATCHDOG=1} pings; {@code STOPPING=1}
 * when SIGTERM's handover begins. A no-op when {@code NOTIFY_SOCKET} is unset (run by hand, or by
 * another supervisor). A notification that cannot be sent is logged, never thrown: systemd's
 * bookkeeping must not stop a failover.
 */
public final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);
    /** Does nothing: no {@code NOTIFY_SOCKET}. */
    public static final SystemdNotifier NONE = new SystemdNotifier(null);

    private final NotifySender sender;
    private volatile boolean failing;

    SystemdNotifier(NotifySender sender) {
        this.sender = sender;
    }

    /**
     * From the process environment's {@code NOTIFY_SOCKET}: {@link #NONE} when it is unset.
     *
     * @throws IllegalArgumentException naming the value when it is not a socket address
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        return socket == null ? NONE : new SystemdNotifier(new DatagramNotifySender(socket));
    }

    /** True when messages go to systemd. */
    public boolean enabled() {
        return sender != null;
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    /** A newline would start another assignment (e.g. a forged READY=1): status text stays on one line. */
    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private void send(String message) {
        if (sender == null) {
            return;
        }
        try {
            sender.send(message);
            if (failing) {
                failing = false;
                log.info("systemd notification works again ({})", sender);
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("cannot notify systemd ({}): {}", sender, e.getMessage());
            } else {
                log.debug("cannot notify systemd ({}): {}", sender, e.getMessage());
            }
        }
    }
}
