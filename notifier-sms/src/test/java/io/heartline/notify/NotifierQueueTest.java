package io.heartline.notify;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded queue: overflow drops the oldest, and submit never waits for a channel. */
class NotifierQueueTest {
    private final ManualClock clock = new ManualClock();
    private final VirtualScheduler sched = new VirtualScheduler(clock);
    private final FakeChannel sms = new FakeChannel("sms", clock);
    private final RecordingListener listener = new RecordingListener();

    @Test
    void aFullQueueDropsTheOldestAndCountsIt() {
        Notifier n = Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched)
                .listener(listener).channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults().withQueueCapacity(10))
                .build();
        sms.always(DeliveryException.temporary("connection refused"));
        List<Alert> submitted = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Alert a = new Alert(AlertKinds.LINK_DEGRADED, Severity.WARNING, "node-b", null, "flap " + i, "",
                    clock.wallTime());
            submitted.add(a);
            n.submit(a);
            sched.runDue();
        }
        ChannelStatus s = n.status().get(0);
        assertEquals(10, s.queued());
        assertEquals(1, s.inFlight(), "the first alert waits for its retry");
        assertEquals(5, s.dropped());
        List<Alert> droppedReports = listener.reports().stream()
                .filter(r -> r.outcome() == DeliveryOutcome.DROPPED).map(RecordingListener.Report::alert).toList();
        assertEquals(submitted.subList(1, 6), droppedReports, "the oldest queued ones");

        sms.always(null);
        sched.advance(Duration.ofMinutes(1));

        List<Alert> expected = new ArrayList<>(submitted.subList(0, 1));
        expected.addAll(submitted.subList(6, 16));
        assertEquals(expected, sms.delivered());
        assertEquals(0, n.status().get(0).queued());
    }

    @Test
    void submitNeverWaitsForAStuckChannel() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AlertChannel stuck = new AlertChannel() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public void deliver(Alert a) throws DeliveryException {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw DeliveryException.temporary("interrupted");
                }
            }
        };
        Clock real = Clock.system();
        try (Notifier n = Notifier.builder().node("node-b").clock(real)
                .channel(stuck, ChannelFilter.ALL, DeliveryPolicy.defaults().withQueueCapacity(100)).build()) {
            n.submit(Alerts.takeover(real));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the worker took the first alert");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 100_000; i++) {
                    n.submit(Alerts.linkDegraded(real));
                }
            });
            ChannelStatus s = n.status().get(0);
            assertEquals(100, s.queued());
            assertEquals(100_000 - 100, s.dropped());
            release.countDown();
            assertTrue(n.awaitIdle(Duration.ofSeconds(10)), "drains once the channel is free");
            assertEquals(101, n.status().get(0).delivered());
        }
    }

    @Test
    void awaitIdleDoesNotWaitForAlertsHeldByTheRateLimit() throws Exception {
        Clock real = Clock.system();
        FakeChannel channel = new FakeChannel("sms", real);
        try (Notifier n = Notifier.builder().node("node-b").clock(real).channel(channel, ChannelFilter.ALL,
                DeliveryPolicy.sms().withRateLimit(1, Duration.ofMinutes(10), 0)).build()) {
            for (int i = 0; i < 3; i++) {
                n.submit(Alerts.linkDegraded(real));
            }
            long start = System.nanoTime();
            assertTrue(n.awaitIdle(Duration.ofSeconds(30)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "returned when the queue emptied");
            assertEquals(1, channel.delivered().size());
            assertEquals(2, n.status().get(0).heldNow());
        }
    }

    @Test
    void afterCloseNothingIsQueuedAndTestFuturesComplete() throws Exception {
        Notifier n = Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched)
                .channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        var pending = n.test("sms");
        n.close();
        assertEquals(DeliveryOutcome.DROPPED, pending.get(1, TimeUnit.SECONDS));
        n.submit(Alerts.takeover(clock));
        sched.advance(Duration.ofMinutes(1));
        assertEquals(0, sms.attempts().size());
        assertEquals(DeliveryOutcome.DROPPED, n.test("sms").get(1, TimeUnit.SECONDS));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> DeliveryPolicy.defaults().withQueueCapacity(0));
    }
}
