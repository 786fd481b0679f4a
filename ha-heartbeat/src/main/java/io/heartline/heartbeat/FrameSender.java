package io.heartline.heartbeat;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send side of a medium: a small bounded queue and one daemon thread that hands frames to
 * the medium, so that a slow medium (a TCP connect to a dead host, a full serial buffer) never
 * blocks the caller. When the queue is full the oldest frame is dropped: a fresh beacon is worth
 * more than a stale one. Drops and failures are counted as send errors.
 */
final class FrameSender {
    /** Moves one frame; may block. */
    interface Transmitter {
        void transmit(byte[] frame) throws Exception;
    }

    static final int CAPACITY = 16;
    private static final Logger log = LoggerFactory.getLogger(FrameSender.class);
    private static final byte[] STOP = new byte[0];

    private final String medium;
    private final Transmitter transmitter;
    private final MediumStats stats;
    /** One slot more than {@link #CAPACITY}: reserved for the stop marker, so stopping never drops a frame. */
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private final Thread thread;
    private volatile boolean stopped;
    private long drops;
    /** Failures in a row, and in all; touched by the sender thread only. Warnings thin out (1, 2, 4, ...). */
    private long failing;
    private long failures;
    private boolean warnedThisStreak;

    FrameSender(String medium, Transmitter transmitter, MediumStats stats) {
        this.medium = medium;
        this.transmitter = transmitter;
        this.stats = stats;
        this.thread = new Thread(this::run, "heartline-send-" + medium);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a frame; never blocks. */
    void submit(byte[] frame) {
        synchronized (queue) {
            if (stopped) {
                stats.countSendError();
                log.debug("{}: medium closed, beacon not sent", medium);
                return;
            }
            while (queue.size() >= CAPACITY) {
                if (queue.poll() != null) {
                    dropped();
                }
            }
            queue.add(frame);
        }
    }

    /** Lets the queued frames go out for at most {@code drain}, then stops the thread. */
    void stop(Duration drain) {
        synchronized (queue) {
            if (stopped) {
                return;
            }
            stopped = true;
            queue.add(STOP); // always fits: submit() leaves the last slot free
        }
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(Math.max(1, drain.toMillis()));
            if (thread.isAlive()) {
                log.warn("{}: sender still busy after {} ms; interrupting it", medium, drain.toMillis());
                thread.interrupt();
                thread.join(drain.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dropped() {
        stats.countSendError();
        long n = ++drops;
        if (Long.bitCount(n) == 1) {
            log.warn("{}: send queue full, dropped the oldest beacon ({} dropped so far)", medium, n);
        }
    }

    private void run() {
        io.heartline.core.HeartbeatThreads.started("beacon sender of " + medium);
        while (true) {
            byte[] frame;
            try {
                frame = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (frame == STOP) {
                return;
            }
            transmit(frame);
        }
    }

    private void transmit(byte[] frame) {
        try {
            transmitter.transmit(frame);
            stats.countSent();
            if (failing > 0) {
                if (warnedThisStreak) {
                    log.info("{}: sending works again after {} failed beacons", medium, failing);
                }
                failing = 0;
                warnedThisStreak = false;
            }
        } catch (Exception e) {
            stats.countSendError();
            failing++;
            long total = ++failures;
            if (Long.bitCount(total) == 1) {
                warnedThisStreak = true;
                log.warn("{}: sending a beacon failed: {} ({} failures so far)", medium, e.toString(), total);
            } else {
                log.debug("{}: sending a beacon failed ({} in a row)", medium, failing, e);
            }
        }
    }
}
