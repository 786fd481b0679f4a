package io.heartline.daemon.http;

import java.time.Duration;

/**
 * The bounds of an {@link HttpServer}: what one listener may cost, whatever its clients send.
 *
 * @param maxConnections connections open at once; one more is answered 503 with {@code Retry-After: 1}
 *                       and closed at once (default {@value #DEFAULT_MAX_CONNECTIONS})
 * @param timeout        how long a connection may take to send its request head, and how long pending
 *                       output may wait for a client that does not read (default 5 s)
 * @param maxHeadBytes   request line plus headers, terminating empty line included; more is a 431
 *                       (default {@value #DEFAULT_MAX_HEAD_BYTES})
 */
public record HttpLimits(int maxConnections, Duration timeout, int maxHeadBytes) {
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_HEAD_BYTES = 8 * 1024;
    /** Where a connection's head buffer starts; it doubles on demand up to {@link #maxHeadBytes}. */
    static final int INITIAL_HEAD_BUFFER = 512;
    public static final HttpLimits DEFAULT =
            new HttpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, DEFAULT_MAX_HEAD_BYTES);

    public HttpLimits {
        if (maxConnections < 1 || maxConnections > 4096) {
            throw new IllegalArgumentException("max connections must be 1..4096, not " + maxConnections);
        }
        if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("timeout must be 1 ms..1 h, not " + timeout);
        }
        if (maxHeadBytes < 256 || maxHeadBytes > 64 * 1024) {
            throw new IllegalArgumentException("max head bytes must be 256..65536, not " + maxHeadBytes);
        }
    }

    /** The given connection cap and timeout with the default 8 KiB head. */
    public HttpLimits(int maxConnections, Duration timeout) {
        this(maxConnections, timeout, DEFAULT_MAX_HEAD_BYTES);
    }
}
