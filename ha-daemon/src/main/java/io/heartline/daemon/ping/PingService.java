package io.heartline.daemon.ping;

import io.heartline.core.Clock;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.PingConfig;
import io.heartline.membership.Event;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the ping nodes on a thread of its own ({@code heartline-ping}): every {@code ping-interval}
 * one echo request to each node, then the replies until the round's end, then one
 * {@link Event.PingNodes} to the event loop with the newest answer from any node. Nothing here
 * blocks the loop: the loop only reads the posted event. The sockets are opened at start-up, so a
 * daemon without CAP_NET_RAW fails there, saying why, rather than never hearing its gateway.
 */
public final class PingService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PingService.class);

    private final PingConfig config;
    private final long deadNanos;
    private final Clock clock;
    private final Consumer<LongFunction<Event>> post;
    private final EchoSocket socket;
    private final PingTracker tracker;
    private volatile boolean running;
    private volatile boolean closed;
    private Thread thread;

    PingService(PingConfig config, long deadNanos, Clock clock, Consumer<LongFunction<Event>> post, EchoSocket socket) {
        this.config = config;
        this.deadNanos = deadNanos;
        this.clock = clock;
        this.post = post;
        this.socket = socket;
        this.tracker = new PingTracker(config.nodes());
    }

    /**
     * The service for {@code config}'s ping nodes (their raw sockets open), or one that does nothing
     * when there are none; {@code post} hands each round's event to the loop ({@code Inbox::post}).
     */
    public static PingService open(HeartlineConfig config, Clock clock, Consumer<LongFunction<Event>> post)
            throws IOException {
        PingConfig ping = config.ping();
        EchoSocket socket = ping.enabled() ? RawEchoSocket.open(ping.nodes(), clock) : null;
        return new PingService(ping, config.timing().deadtime().toNanos(), clock, post, socket);
    }

    public boolean enabled() {
        return socket != null;
    }

    /** Starts the rounds; nothing when there are no ping nodes. */
    public synchronized void start() {
        if (socket == null || thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "heartline-ping");
        thread.setDaemon(true);
        thread.start();
        log.info("pinging {} every {} ms", config.nodes().stream().map(InetAddress::getHostAddress).toList(),
                config.interval().toMillis());
    }

    private void run() {
        while (running) {
            try {
                round();
            } catch (RuntimeException e) {
                log.error("ping round failed; the next starts after one interval", e);
                LockSupport.parkNanos(config.interval().toNanos());
            }
        }
    }

    /** One round: send to every node, take replies until the interval is over, post what was found. */
    void round() {
        long start = clock.monotonicNanos();
        int seq = tracker.next(start);
        for (PingTracker.Node n : tracker.nodes()) {
            int errno = socket.send(n.address, seq);
            tracker.sent(n, errno, errno == 0 ? null : PingLibC.describe(errno));
        }
        long end = start + config.interval().toNanos();
        for (long left = end - clock.monotonicNanos(); left > 0 && !closed; left = end - clock.monotonicNanos()) {
            EchoSocket.Answer a = socket.receive(left);
            if (a != null) {
                tracker.answered(a.from(), a.seq(), clock.monotonicNanos());
            }
        }
        long last = tracker.lastAnswerAt();
        String detail = tracker.detail(clock.monotonicNanos(), config.interval().toNanos());
        post.accept(at -> new Event.PingNodes(at, last, detail));
    }

    PingTracker tracker() {
        return tracker;
    }

    /** For {@code hactl status}: each ping node with its last answer and round trip. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled());
        if (enabled()) {
            long now = clock.monotonicNanos();
            long last = tracker.lastAnswerAt();
            m.put("interval_ms", config.interval().toMillis());
            m.put("reachable", last != PingTracker.NEVER && now - last < deadNanos);
            m.put("last_answer_ms", last == PingTracker.NEVER ? null : (now - last) / 1_000_000L);
            m.put("nodes", tracker.status(now, deadNanos));
        }
        return m;
    }

    /** The meters of each ping node: reachable (an answer within deadtime) and the last round trip. */
    public PingMetrics metrics() {
        return new PingMetrics(tracker, clock, deadNanos);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            closed = true;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(config.interval().toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (socket != null && (t == null || !t.isAlive())) {
            socket.close(); // never under a thread still in ppoll on it
        }
    }

    List<InetAddress> nodes() {
        return config.nodes();
    }
}
