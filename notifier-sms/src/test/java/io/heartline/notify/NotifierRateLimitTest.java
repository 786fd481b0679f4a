package io.heartline.notify;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rate limit per channel: a burst becomes M messages and one summary per window. */
class NotifierRateLimitTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock();
    private final VirtualScheduler sched = new VirtualScheduler(clock);
    private final FakeChannel sms = new FakeChannel("sms", clock);
    private final RecordingListener listener = new RecordingListener();
    private final Notifier notifier = Notifier.builder().node("node-b").clock(clock).scheduler(sched)
            .workers(name -> sched).listener(listener).channel(sms, ChannelFilter.ALL, DeliveryPolicy.sms()).build();

    private static boolean isSummary(Alert a) {
        return a.kind().equals(AlertKinds.SUMMARY);
    }

    @Test
    void aBurstSendsTheLimitAtOnceAndTheRestAsOneSummaryAtTheEndOfTheWindow() {
        for (int i = 0; i < 8; i++) {
            notifier.submit(i % 3 == 2 ? Alerts.linkRestored(clock) : Alerts.linkDegraded(clock));
        }
        sched.runDue();
        assertEquals(5, sms.delivered().size(), "the first five go out at once");
        assertEquals(3, listener.count(DeliveryOutcome.HELD));
        assertEquals(3, notifier.status().get(0).heldNow());

        sched.advance(WINDOW.minusSeconds(1));
        assertEquals(5, sms.delivered().size(), "nothing more inside the window");

        sched.advance(Duration.ofSeconds(1));
        List<Alert> sent = sms.delivered();
        assertEquals(6, sent.size());
        Alert summary = sent.get(5);
        assertEquals(AlertKinds.SUMMARY, summary.kind());
        assertEquals("+3 more: link-degraded x2, link-restored x1", summary.what());
        assertEquals("rate limit 5 per 10m", summary.cause());
        assertEquals(Severity.WARNING, summary.severity(), "the worst severity held");
        assertEquals(clock.wallTime(), summary.time());
        assertEquals("HL node-b: +3 more: link-degraded x2, link-restored x1 (rate limit 5 per 10m) 00:10:00Z",
                AlertText.shortText(summary));
        assertEquals(0, notifier.status().get(0).heldNow());
        assertEquals(3, notifier.status().get(0).held());
    }

    @Test
    void twentyFlapsInAMinuteGiveSixMessages() {
        for (int i = 0; i < 20; i++) {
            notifier.submit(i % 2 == 0 ? Alerts.linkDegraded(clock) : Alerts.linkRestored(clock));
            sched.advance(Duration.ofSeconds(3));
        }
        sched.advance(Duration.ofHours(1));

        List<Alert> sent = sms.delivered();
        assertEquals(6, sent.size(), "5 in the first window, then one summary: " + sent);
        assertEquals("+15 more: link-restored x8, link-degraded x7", sent.get(5).what());
        assertEquals(Duration.ofMinutes(10), sms.attempts().get(5).at());
    }

    @Test
    void anHourOfFlappingStaysWithinTheLimitAndLosesNothingSilently() {
        int submitted = 0;
        for (int s = 0; s < 3600; s += 3) {
            notifier.submit(submitted % 2 == 0 ? Alerts.linkDegraded(clock) : Alerts.linkRestored(clock));
            submitted++;
            sched.advance(Duration.ofSeconds(3));
        }
        sched.advance(Duration.ofHours(1));

        List<FakeChannel.Attempt> attempts = sms.attempts();
        // Flapping never stops, so the windows follow each other: [0, 10 min), [10 min, 20 min), ...
        for (long k = 0; k < 13; k++) {
            long from = k * WINDOW.toNanos();
            long to = from + WINDOW.toNanos();
            long inWindow = attempts.stream().filter(b -> b.atNanos() >= from && b.atNanos() < to).count();
            assertTrue(inWindow <= 5, inWindow + " messages in window " + k);
        }
        long direct = sms.delivered().stream().filter(a -> !isSummary(a)).count();
        long summarised = 0;
        Pattern more = Pattern.compile("^\\+(\\d+) more: ");
        for (Alert a : sms.delivered()) {
            if (isSummary(a)) {
                Matcher m = more.matcher(a.what());
                assertTrue(m.find(), a.what());
                summarised += Long.parseLong(m.group(1));
            }
        }
        assertEquals(submitted, direct + summarised, "every alert was sent or counted in a summary");
        assertTrue(sms.delivered().size() <= 5 * 13, "bounded: " + sms.delivered().size());
    }

    @Test
    void criticalAlertsHaveExtraRoomSoATakeoverIsNotHeldBehindAFlappingLink() {
        for (int i = 0; i < 5; i++) {
            notifier.submit(Alerts.linkDegraded(clock));
        }
        notifier.submit(Alerts.linkRestored(clock));
        Alert takeover = Alerts.takeover(clock);
        notifier.submit(takeover);
        notifier.submit(Alerts.of(AlertKinds.FENCE_OK, Severity.CRITICAL, clock));
        notifier.submit(Alerts.of(AlertKinds.TWO_OWNERS, Severity.CRITICAL, clock));
        sched.runDue();

        List<Alert> sent = sms.delivered();
        assertEquals(7, sent.size(), "5 + 2 critical extra");
        assertEquals(takeover, sent.get(5));
        assertEquals(AlertKinds.FENCE_OK, sent.get(6).kind());
        assertEquals(2, listener.count(DeliveryOutcome.HELD), "link-restored and the third critical");

        sched.advance(WINDOW);
        Alert summary = sms.delivered().get(7);
        assertEquals("+2 more: link-restored x1, two-owners x1", summary.what());
        assertEquals(Severity.CRITICAL, summary.severity());
    }

    @Test
    void aQuietWindowEndsWithoutSummaryAndTheNextAlertOpensANewOne() {
        notifier.submit(Alerts.linkDegraded(clock));
        sched.advance(Duration.ofMinutes(15));
        assertEquals(1, sms.delivered().size());
        for (int i = 0; i < 6; i++) {
            notifier.submit(Alerts.linkRestored(clock));
        }
        sched.runDue();
        assertEquals(6, sms.delivered().size(), "a fresh window: five more");
        sched.advance(WINDOW);
        assertEquals(7, sms.delivered().size());
        assertEquals("+1 more: link-restored x1", sms.delivered().get(6).what());
        assertEquals(Duration.ofMinutes(25), sms.attempts().get(6).at(), "window opened at 15 min");
    }

    @Test
    void aSummaryIsRetriedLikeAnyAlert() {
        for (int i = 0; i < 6; i++) {
            notifier.submit(Alerts.linkDegraded(clock));
        }
        sched.runDue();
        sms.always(DeliveryException.temporary("gateway down"));
        sched.advance(WINDOW);
        assertEquals(AlertKinds.SUMMARY, sms.attempts().get(5).alert().kind());
        assertEquals(1, notifier.status().get(0).retriesPending());
        sms.always(null);
        sched.advance(Duration.ofSeconds(1));
        assertEquals(AlertKinds.SUMMARY, sms.delivered().get(5).kind());
        assertNull(listener.reports().stream().filter(r -> r.outcome() == DeliveryOutcome.GAVE_UP).findAny().orElse(null));
    }

    @Test
    void noRateLimitMeansEverythingGoesOut() {
        FakeChannel mail = new FakeChannel("mail", clock);
        Notifier n = Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched)
                .channel(mail, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        for (int i = 0; i < 50; i++) {
            n.submit(Alerts.linkDegraded(clock));
        }
        sched.runDue();
        assertEquals(50, mail.delivered().size());
        assertEquals(0, sched.pending(), "no window timers without a rate limit");
    }
}
