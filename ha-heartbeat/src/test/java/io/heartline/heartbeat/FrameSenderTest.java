package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameSenderTest {
    private final MediumStats stats = new MediumStats("test");
    private final List<Integer> transmitted = new CopyOnWriteArrayList<>();
    private final CountDownLatch busy = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Blocks on the first frame until released, like a TCP connect to a dead host. */
    private final FrameSender sender = new FrameSender("test", frame -> {
        if (frame[0] == 0) {
            busy.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
        transmitted.add((int) frame[0]);
    }, stats);

    @Test
    void aBlockedMediumNeverBlocksTheCallerAndDropsTheOldest() throws Exception {
        sender.start();
        sender.submit(new byte[] {0});
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        int extra = 3;
        for (int i = 1; i <= FrameSender.CAPACITY + extra; i++) {
            sender.submit(new byte[] {(byte) i});
        }
        assertEquals(extra, stats.sendErrors(), "the oldest queued frames were dropped and counted");
        release.countDown();
        sender.stop(Duration.ofSeconds(10));
        assertEquals(1 + FrameSender.CAPACITY, transmitted.size());
        assertEquals(0, transmitted.get(0));
        assertEquals(1 + extra, transmitted.get(1), "the newest frames survived");
        assertEquals(FrameSender.CAPACITY + extra, transmitted.get(transmitted.size() - 1));
        assertEquals(1 + FrameSender.CAPACITY, stats.sent());
    }

    @Test
    void failuresAreCountedAndSendingGoesOn() {
        MediumStats s = new MediumStats("flaky");
        FrameSender flaky = new FrameSender("flaky", frame -> {
            if (frame[0] % 2 == 1) {
                throw new java.io.IOException("no route to host");
            }
        }, s);
        flaky.start();
        for (int i = 1; i <= 6; i++) {
            flaky.submit(new byte[] {(byte) i});
        }
        flaky.stop(Duration.ofSeconds(10));
        assertEquals(3, s.sent());
        assertEquals(3, s.sendErrors());
    }

    @Test
    void submitsAfterStopAreCounted() {
        sender.start();
        sender.stop(Duration.ofSeconds(10));
        sender.submit(new byte[] {1});
        assertEquals(1, stats.sendErrors());
        assertEquals(0, stats.sent());
    }
}
