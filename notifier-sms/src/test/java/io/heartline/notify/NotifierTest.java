package io.heartline.notify;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Filters, test alerts, status and the builder, in virtual time. */
class NotifierTest {
    private final ManualClock clock = new ManualClock();
    private final VirtualScheduler sched = new VirtualScheduler(clock);
    private final FakeChannel sms = new FakeChannel("sms", clock);
    private final FakeChannel mail = new FakeChannel("mail", clock);
    private final RecordingListener listener = new RecordingListener();

    private Notifier.Builder builder() {
        return Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched).listener(listener);
    }

    @Test
    void eachChannelGetsWhatItsFilterAccepts() {
        Notifier n = builder()
                .channel(sms, new ChannelFilter(Set.of(AlertKinds.TAKEOVER, AlertKinds.FENCE_FAILED), Severity.WARNING),
                        DeliveryPolicy.sms())
                .channel(mail, ChannelFilter.atLeast(Severity.WARNING), DeliveryPolicy.email())
                .build();
        n.submit(Alerts.takeover(clock));
        n.submit(Alerts.linkDegraded(clock));
        n.submit(Alerts.linkRestored(clock));
        n.submit(new Alert(AlertKinds.FENCE_FAILED, Severity.INFO, "node-b", null, "fence of node-a failed", "",
                clock.wallTime()));
        sched.runDue();

        assertEquals(List.of(AlertKinds.TAKEOVER), sms.delivered().stream().map(Alert::kind).toList());
        assertEquals(List.of(AlertKinds.TAKEOVER, AlertKinds.LINK_DEGRADED),
                mail.delivered().stream().map(Alert::kind).toList());
        assertEquals(List.of("sms", "mail"), n.channelNames());
    }

    @Test
    void aTestAlertIgnoresFilterAndRateLimitAndReportsItsOutcome() throws Exception {
        Notifier n = builder().channel(sms, new ChannelFilter(Set.of(AlertKinds.TAKEOVER), Severity.CRITICAL),
                DeliveryPolicy.sms().withRateLimit(1, Duration.ofMinutes(10), 0)).build();
        n.submit(Alerts.takeover(clock));
        sched.runDue();
        CompletableFuture<DeliveryOutcome> result = n.test("sms");
        assertFalse(result.isDone(), "asynchronous");
        sched.runDue();

        assertEquals(DeliveryOutcome.DELIVERED, result.get());
        Alert test = sms.delivered().get(1);
        assertEquals(AlertKinds.TEST, test.kind());
        assertEquals("node-b", test.node());
        assertEquals("HL node-b: test alert (requested by operator) 00:00:00Z", AlertText.shortText(test));
    }

    @Test
    void aTestAlertReportsAFailure() throws Exception {
        Notifier n = builder().channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        sms.failPermanently();
        CompletableFuture<DeliveryOutcome> result = n.test("sms");
        sched.runDue();
        assertEquals(DeliveryOutcome.REJECTED, result.get());
    }

    @Test
    void testOfAnUnknownChannelNamesTheKnownOnes() {
        Notifier n = builder().channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults())
                .channel(mail, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.test("pager"));
        assertEquals("no alert channel 'pager' (channels: sms, mail)", e.getMessage());
    }

    @Test
    void statusShowsTheLastAttemptAndCounters() {
        Notifier n = builder().channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        ChannelStatus empty = n.status().get(0);
        assertEquals("sms", empty.name());
        assertNull(empty.lastOutcome());
        assertNull(empty.lastAttemptTime());

        sms.failTemporarily(1);
        n.submit(Alerts.takeover(clock));
        n.submit(Alerts.linkDegraded(clock));
        sched.runDue();
        ChannelStatus retrying = n.status().get(0);
        assertEquals(DeliveryOutcome.RETRY, retrying.lastOutcome());
        assertEquals("gateway down (1); next attempt in 1s", retrying.lastDetail());
        assertEquals(1, retrying.retriesPending());
        assertEquals(1, retrying.inFlight());
        assertEquals(1, retrying.queued());
        assertEquals(clock.wallTime(), retrying.lastAttemptTime());

        sched.advance(Duration.ofSeconds(2));
        ChannelStatus done = n.status().get(0);
        assertEquals(DeliveryOutcome.DELIVERED, done.lastOutcome());
        assertEquals(clock.wallTime().minusSeconds(1), done.lastDelivered());
        assertEquals(2, done.delivered());
        assertEquals(3, done.attempts());
        assertEquals(0, done.queued() + done.inFlight() + done.retriesPending());
    }

    @Test
    void aFailingListenerDoesNotStopDelivery() {
        Notifier n = Notifier.builder().node("node-b").clock(clock).scheduler(sched).workers(name -> sched)
                .listener((c, a, attempt, o, d) -> {
                    throw new IllegalStateException("journal full");
                })
                .channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        n.submit(Alerts.takeover(clock));
        n.submit(Alerts.linkDegraded(clock));
        sched.runDue();
        assertEquals(2, sms.delivered().size());
    }

    @Test
    void builderRefusesMissingNodeAndDuplicateNames() {
        assertThrows(IllegalStateException.class, () -> Notifier.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder()
                .channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults())
                .channel(new FakeChannel("sms", clock), ChannelFilter.ALL, DeliveryPolicy.defaults()).build());
        assertTrue(e.getMessage().contains("two alert channels named 'sms'"));
    }

    @Test
    void filterRefusesUnknownKinds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChannelFilter(Set.of("takover"), Severity.INFO));
        assertTrue(e.getMessage().startsWith("unknown alert kind 'takover' (known: daemon-start"), e.getMessage());
    }

    @Test
    void awaitIdleReturnsAtOnceWhenNothingIsQueued() throws Exception {
        Notifier n = builder().channel(sms, ChannelFilter.ALL, DeliveryPolicy.defaults()).build();
        n.submit(Alerts.takeover(clock));
        sched.runDue();
        assertTrue(n.awaitIdle(Duration.ZERO));
    }
}
