package io.heartline.daemon.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A stream of server-sent events (the {@code text/event-stream} of the HTML standard) that an
 * {@link HttpServer} serves to each client that GETs its path: any thread {@link #publish publishes},
 * and every subscriber gets the latest event once it has taken the one before. Each event stands
 * alone (a whole snapshot), so a slow subscriber skips to the newest instead of queueing: at most
 * one event waits per subscriber.
 *
 * <p>Bounded: at most {@code maxSubscribers} at once (one more is a 503 with {@code Retry-After: 1}),
 * each for at most {@code lifetime} (then the server closes it and the browser's {@code EventSource}
 * reconnects after {@code retry}); a subscriber that does not take an event within the server's
 * timeout is closed like any slow client. The response has no {@code Content-Length}: it ends when
 * the connection closes ({@code Connection: close}).
 */
public final class EventStream {
    /** The largest event, {@code data:} lines included. */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** One encoded event; {@code seq} grows with each publish. */
    record Frame(long seq, byte[] bytes) {
    }

    private final int maxSubscribers;
    private final Duration lifetime;
    private final byte[] head;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicReference<Runnable> waker = new AtomicReference<>();

    /**
     * @param maxSubscribers clients streaming at once, 1..1024
     * @param lifetime       how long one client may stay, 1 s..1 h
     * @param retry          how long a browser waits before it reconnects, 100 ms..1 min
     */
    public EventStream(int maxSubscribers, Duration lifetime, Duration retry) {
        if (maxSubscribers < 1 || maxSubscribers > 1024) {
            throw new IllegalArgumentException("max subscribers must be 1..1024, not " + maxSubscribers);
        }
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("lifetime must be 1 s..1 h, not " + lifetime);
        }
        if (retry.compareTo(Duration.ofMillis(100)) < 0 || retry.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("retry must be 100 ms..1 min, not " + retry);
        }
        this.maxSubscribers = maxSubscribers;
        this.lifetime = lifetime;
        this.head = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: " + retry.toMillis() + "\n\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Makes {@code data} (UTF-8 text; each line becomes a {@code data:} line) the latest event, named
     * {@code event}, and wakes the server to send it. Any thread; never blocks.
     *
     * @throws IllegalArgumentException a bad event name, or an event larger than {@value #MAX_EVENT_BYTES} bytes
     */
    public void publish(String event, byte[] data) {
        if (!EVENT_NAME.matcher(event).matches()) {
            throw new IllegalArgumentException("an event name is 1-64 letters, digits, - or _: " + event);
        }
        byte[] bytes = encode(event, data);
        latest.updateAndGet(f -> new Frame(f == null ? 1 : f.seq() + 1, bytes));
        Runnable w = waker.get();
        if (w != null) {
            w.run();
        }
    }

    private static byte[] encode(String event, byte[] data) {
        StringBuilder s = new StringBuilder(data.length + 64).append("event: ").append(event).append('\n');
        String text = new String(data, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            s.append("data: ").append(line).append('\n');
        }
        byte[] bytes = s.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("an event of " + bytes.length + " bytes is larger than "
                    + MAX_EVENT_BYTES);
        }
        return bytes;
    }

    /** Clients streaming now. */
    public int subscribers() {
        return subscribers.get();
    }

    public int maxSubscribers() {
        return maxSubscribers;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** The status line, the fields and the {@code retry:} line every subscriber gets first. */
    byte[] head() {
        return head;
    }

    /** The newest event, or null before the first. */
    Frame latest() {
        return latest.get();
    }

    /** Takes a subscriber's place; false when all are taken. */
    boolean tryJoin() {
        while (true) {
            int n = subscribers.get();
            if (n >= maxSubscribers) {
                return false;
            }
            if (subscribers.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void left() {
        subscribers.decrementAndGet();
    }

    /** The server that serves this stream: {@code wakeup} is run after each publish. One server only. */
    void attach(Runnable wakeup) {
        if (!waker.compareAndSet(null, wakeup)) {
            throw new IllegalStateException("this event stream is already served by another server");
        }
    }

    boolean attached() {
        return waker.get() != null;
    }

    void detach() {
        waker.set(null);
    }
}
