package io.heartline.notify;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries with exponential backoff and the give-up limits, in virtual time. */
class NotifierRetryTest {
    private final ManualClock clock = new ManualClock();
    private final VirtualScheduler sched = new VirtualScheduler(clock);
    private final FakeChannel sms = new FakeChannel("sms", clock);
    private final RecordingListener listener = new RecordingListener();

    private Notifier notifier(DeliveryPolicy policy) {
        return Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched)
                .listener(listener).channel(sms, ChannelFilter.ALL, policy).build();
    }

    private static List<Long> secondsOf(List<FakeChannel.Attempt> attempts) {
        return attempts.stream().map(a -> a.at().toSeconds()).toList();
    }

    @Test
    void temporaryFailuresAreRetriedWithDoublingBackoffUntilDelivered() {
        Notifier n = notifier(DeliveryPolicy.defaults());
        sms.failTemporarily(4);
        n.submit(Alerts.takeover(clock));
        sched.runDue();
        assertEquals(1, sms.attempts().size(), "first attempt at once");

        sched.advance(Duration.ofMinutes(5));

        assertEquals(List.of(0L, 1L, 3L, 7L, 15L), secondsOf(sms.attempts()));
        assertEquals(List.of(DeliveryOutcome.RETRY, DeliveryOutcome.RETRY, DeliveryOutcome.RETRY,
                DeliveryOutcome.RETRY, DeliveryOutcome.DELIVERED), listener.outcomes());
        assertEquals(List.of(1, 2, 3, 4, 5), listener.reports().stream().map(RecordingListener.Report::attempt).toList());
        assertTrue(listener.reports().get(0).detail().contains("gateway down (1); next attempt in 1s"),
                listener.reports().get(0).detail());
        ChannelStatus s = n.status().get(0);
        assertEquals(1, s.delivered());
        assertEquals(5, s.attempts());
        assertEquals(0, s.retriesPending());
        assertEquals(clock.wallTime().minusSeconds(Duration.ofMinutes(5).toSeconds() - 15), s.lastDelivered());
    }

    @Test
    void backoffIsCappedAndTheAlertIsGivenUpAfterAnHour() {
        Notifier n = notifier(DeliveryPolicy.defaults());
        sms.always(DeliveryException.temporary("connection refused"));
        n.submit(Alerts.takeover(clock));
        sched.runDue();
        sched.advance(Duration.ofHours(2));

        List<Long> at = secondsOf(sms.attempts());
        for (int i = 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            assertEquals(Math.min(1L << (i - 1), 300L), gap, "gap before attempt " + (i + 1) + " in " + at);
        }
        long last = at.get(at.size() - 1);
        assertTrue(last <= 3600 && last + 300 > 3600, "last attempt " + last + " is the last one inside the hour");
        assertEquals(20, at.size(), "attempts " + at);
        assertEquals(1, listener.count(DeliveryOutcome.GAVE_UP));
        RecordingListener.Report gaveUp = listener.reports().get(listener.reports().size() - 1);
        assertEquals(DeliveryOutcome.GAVE_UP, gaveUp.outcome());
        assertEquals(20, gaveUp.attempt());
        assertTrue(gaveUp.detail().startsWith("gave up after 20 attempts"), gaveUp.detail());
        assertEquals(1, n.status().get(0).gaveUp());
        assertEquals(0, n.status().get(0).inFlight());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        Notifier n = notifier(DeliveryPolicy.defaults().withGiveUp(Duration.ofHours(1), 3));
        sms.always(DeliveryException.temporary("503 Temporal failure, try again later."));
        n.submit(Alerts.takeover(clock));
        sched.advance(Duration.ofHours(1));

        assertEquals(List.of(0L, 1L, 3L), secondsOf(sms.attempts()));
        assertEquals(List.of(DeliveryOutcome.RETRY, DeliveryOutcome.RETRY, DeliveryOutcome.GAVE_UP), listener.outcomes());
    }

    @Test
    void permanentFailureIsNotRetriedAndTheNextAlertGoesOn() {
        Notifier n = notifier(DeliveryPolicy.defaults());
        sms.failPermanently();
        n.submit(Alerts.takeover(clock));
        n.submit(Alerts.linkDegraded(clock));
        sched.advance(Duration.ofMinutes(10));

        assertEquals(2, sms.attempts().size());
        assertEquals(List.of(DeliveryOutcome.REJECTED, DeliveryOutcome.DELIVERED), listener.outcomes());
        assertEquals("403 Authorization failed", listener.reports().get(0).detail());
        ChannelStatus s = n.status().get(0);
        assertEquals(1, s.rejected());
        assertEquals(1, s.delivered());
    }

    @Test
    void alertsQueuedBehindARetryAreDeliveredAfterItInOrder() {
        Notifier n = notifier(DeliveryPolicy.defaults());
        sms.failTemporarily(3);
        Alert first = Alerts.takeover(clock);
        n.submit(first);
        sched.runDue();
        Alert second = Alerts.linkDegraded(clock);
        Alert third = Alerts.linkRestored(clock);
        n.submit(second);
        n.submit(third);
        sched.runDue();
        assertEquals(2, n.status().get(0).queued(), "waiting behind the retry");
        assertEquals(1, n.status().get(0).retriesPending());

        sched.advance(Duration.ofMinutes(1));

        assertEquals(List.of(first, second, third), sms.delivered());
        assertEquals(Duration.ofSeconds(7), sms.attempts().get(3).at(), "delivered at the 4th attempt (0+1+2+4 s)");
    }

    @Test
    void aGivenUpAlertReleasesTheQueue() {
        Notifier n = notifier(DeliveryPolicy.defaults().withGiveUp(Duration.ofSeconds(10), 0));
        sms.failTemporarily(5);
        n.submit(Alerts.takeover(clock));
        n.submit(Alerts.linkRestored(clock));
        sched.advance(Duration.ofMinutes(1));

        // attempts at 0, 1, 3, 7 s; the next would be at 15 s > 10 s: give up; the second alert
        // then meets the 5th scripted failure and is delivered at its first retry.
        assertEquals(List.of(0L, 1L, 3L, 7L, 7L, 8L), secondsOf(sms.attempts()));
        assertEquals(List.of(DeliveryOutcome.RETRY, DeliveryOutcome.RETRY, DeliveryOutcome.RETRY,
                DeliveryOutcome.GAVE_UP, DeliveryOutcome.RETRY, DeliveryOutcome.DELIVERED), listener.outcomes());
    }

    @Test
    void aChannelThatThrowsIsRetriedLikeATemporaryFailure() {
        AlertChannel broken = new AlertChannel() {
            int calls;

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void deliver(Alert a) {
                if (calls++ == 0) {
                    throw new IllegalStateException("bug");
                }
            }
        };
        Notifier n = Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched)
                .listener(listener).channel(broken, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        n.submit(Alerts.takeover(clock));
        sched.advance(Duration.ofSeconds(5));

        assertEquals(List.of(DeliveryOutcome.RETRY, DeliveryOutcome.DELIVERED), listener.outcomes());
        assertTrue(listener.reports().get(0).detail().contains("IllegalStateException: bug"));
    }
}
