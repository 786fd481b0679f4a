package io.heartline.heartbeat;

import io.heartline.core.Backoff;
import io.heartline.core.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one serial device open for {@link SerialMedium}: a reader thread reads in blocking mode
 * and hands every chunk to {@link Events#received}; when the device fails or vanishes it closes
 * it and opens it again, waiting {@link #FIRST_RETRY} doubling to {@link #MAX_RETRY} between
 * attempts, until {@link #close()} (a medium never gives up its device: the link is watched,
 * and its outage warned about, for as long as the medium runs).
 *
 * <pre>
 *   open() ──▶ UP ──read fails / device gone──▶ DOWN ──open works──▶ UP ...
 *                                               │ ▲
 *                                               └─┘ open fails: wait 50 ms, 100, 200 ... 2 s, 2 s ...
 *   close(), from any state ──▶ CLOSED (the port is released by the reader thread)
 * </pre>
 *
 * <p>One warning per outage, one info line when it ends; the attempts in between log at debug.
 * Only the reader thread opens and closes the port; writers take the port under a lock, so a
 * port is never closed during a write.
 */
final class SerialLink {
    static final Duration FIRST_RETRY = Duration.ofMillis(50);
    static final Duration MAX_RETRY = Duration.ofSeconds(2);
    private static final Duration JOIN = Duration.ofSeconds(2);
    private static final int READ_BUFFER = 4096;
    private static final Logger log = LoggerFactory.getLogger(SerialLink.class);

    /** What the reader thread reports. Called on the reader thread, except the first {@code up}. */
    interface Events {
        /** Bytes arrived; {@code buf} is reused after the call. */
        void received(byte[] buf, int len);

        void up(String detail);

        void down(String detail);
    }

    private final String name;
    private final SerialLinkSettings settings;
    private final SerialPortIo.Opener opener;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Events events;
    private final Thread reader;
    private final Object writeLock = new Object();
    private static final Backoff BACKOFF = Backoff.exponential(FIRST_RETRY, 2.0, MAX_RETRY).untilStopped();
    private final byte[] readBuffer = new byte[READ_BUFFER];
    /** The open port, or null while the link is down. Set by the reader thread, read by writers under writeLock. */
    private volatile SerialPortIo port;
    private volatile boolean closing;
    /** Reader thread only: when the current outage began. */
    private long downSince;
    /** Reader thread only: attempts to reopen in the current outage. */
    private int reopenAttempts;

    SerialLink(SerialLinkSettings settings, SerialPortIo.Opener opener, Sleeper sleeper, Clock clock, Events events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.name = settings.name();
        this.opener = Objects.requireNonNull(opener, "opener");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.reader = new Thread(this::run, "heartline-serial-" + name);
        reader.setDaemon(true);
    }

    /** Opens the device once, here and now, then starts the reader thread. */
    void start() {
        openOrMarkDown();
        reader.start();
    }

    /** The first open; on failure the link starts down and {@link #run()} reopens it with backoff. */
    void openOrMarkDown() {
        try {
            open();
        } catch (IOException e) {
            // A failover manager must come up even while a USB adapter is unplugged or the cable is
            // being fixed: the link starts down and is reopened in the background like any outage.
            reopenAttempts = 0;
            downSince = clock.monotonicNanos();
            log.error("{}: cannot open {} at start: {}; the link is down, retrying every {} ms at most",
                    name, settings.device(), e.getMessage(), MAX_RETRY.toMillis());
            events.down("cannot open " + settings.device() + ": " + e.getMessage());
        }
    }

    /**
     * Opens the device once, without the reader thread (tests then call {@link #run()}).
     *
     * @throws IOException if the device cannot be opened now
     */
    void open() throws IOException {
        install(opener.open(settings));
    }

    /** True while the device is open; false while it is being reopened, and after {@link #close()}. */
    boolean isUp() {
        return port != null && !closing;
    }

    /** Writes {@code buf[0, len)} to the device; fails at once while the link is down. */
    void write(byte[] buf, int len) throws IOException {
        synchronized (writeLock) {
            SerialPortIo p = port;
            if (p == null || closing) {
                throw new IOException(settings.device() + ": link down, not sent");
            }
            p.write(buf, len);
        }
    }

    /** Stops the reader (at most one read timeout later) and releases the device. Idempotent. */
    void close() {
        closing = true;
        sleeper.cancel();
        if (reader.isAlive() && Thread.currentThread() != reader) {
            try {
                reader.join(JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) {
                log.warn("{}: serial reader still busy after {} ms; closing the port under it", name, JOIN.toMillis());
            }
        }
        release();
    }

    /** The reader loop: read while up, reopen while down, until {@link #close()}. */
    void run() {
        while (!closing) {
            SerialPortIo p = port;
            if (p == null) {
                if (!reopen()) {
                    break;
                }
                continue;
            }
            int n;
            try {
                n = p.read(readBuffer);
            } catch (IOException | RuntimeException e) {
                lost(p, e.getMessage());
                continue;
            }
            if (n > 0) {
                deliver(n);
            }
        }
        release();
    }

    private void deliver(int n) {
        try {
            events.received(readBuffer, n);
        } catch (RuntimeException e) {
            log.error("{}: failed to handle {} received bytes", name, n, e);
        }
    }

    private void install(SerialPortIo p) {
        synchronized (writeLock) {
            port = p;
        }
        events.up(settings.device() + " at " + settings.baud() + " baud");
    }

    private void lost(SerialPortIo p, String why) {
        synchronized (writeLock) {
            port = null;
        }
        p.close();
        if (closing) {
            return;
        }
        reopenAttempts = 0;
        downSince = clock.monotonicNanos();
        log.warn("{}: link down on {}: {}; reopening it, retrying every {} ms at most",
                name, settings.device(), why, MAX_RETRY.toMillis());
        events.down(why);
    }

    /** One attempt to reopen, after the backoff delay; false if the thread must stop. */
    private boolean reopen() {
        try {
            sleeper.sleep(BACKOFF.delay(++reopenAttempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{}: serial reader interrupted; the link stays down", name);
            return false;
        }
        if (closing) {
            return false;
        }
        SerialPortIo p;
        try {
            p = opener.open(settings);
        } catch (IOException | RuntimeException e) {
            log.debug("{}: reopening {} failed (attempt {}): {}", name, settings.device(), reopenAttempts,
                    e.getMessage());
            return true;
        }
        long downMillis = (clock.monotonicNanos() - downSince) / 1_000_000L;
        log.info("{}: link up again on {} after {} ms (attempt {})",
                name, settings.device(), downMillis, reopenAttempts);
        reopenAttempts = 0;
        install(p);
        return true;
    }

    private void release() {
        SerialPortIo p;
        synchronized (writeLock) {
            p = port;
            port = null;
        }
        if (p != null) {
            p.close();
        }
    }
}
