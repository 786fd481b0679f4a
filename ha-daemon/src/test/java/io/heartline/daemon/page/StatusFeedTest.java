package io.heartline.daemon.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.VirtualScheduler;
import io.heartline.core.control.Answers;
import io.heartline.daemon.http.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The page's snapshot and its feed in virtual time: what a snapshot holds, how the journal is read
 * (only when it wrote something, page by page), what a failed status looks like, and that ticks
 * build only while someone watches, one at a time.
 */
class StatusFeedTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeSources sources = new FakeSources();
    private final AtomicInteger watchers = new AtomicInteger();
    private final List<byte[]> published = new ArrayList<>();
    private final StatusFeed feed = new StatusFeed(sources, scheduler.clock(), scheduler, watchers::get, published::add);

    private Map<String, Object> snapshot() throws IOException {
        CompletableFuture<byte[]> f = feed.snapshot();
        scheduler.runDue();
        assertTrue(f.isDone(), "the snapshot is built on the feed's executor");
        return JSON.std.mapFrom(f.join());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> snap) {
        return (List<Map<String, Object>>) snap.get("events");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSnapshotHoldsTheStatusResultTheLastEventsWithTheirCausesAndNoWitness() throws IOException {
        sources.write(25);
        Map<String, Object> snap = snapshot();
        assertEquals("lab", ((Map<String, Object>) snap.get("status")).get("cluster"));
        Map<String, Object> web = ((List<Map<String, Object>>) ((Map<String, Object>) snap.get("status")).get("groups")).get(0);
        assertEquals("node-a", web.get("owner"));
        assertEquals(3, ((Number) web.get("epoch")).intValue());
        assertTrue(snap.containsKey("status_error") && snap.get("status_error") == null);
        assertTrue(snap.containsKey("witness") && snap.get("witness") == null, "no witness: the page says none");
        assertNull(snap.get("events_error"));
        List<Map<String, Object>> events = events(snap);
        assertEquals(StatusFeed.EVENTS_SHOWN, events.size());
        assertEquals(6, ((Number) events.get(0).get("seq")).intValue(), "oldest first, the last 20");
        assertEquals(25, ((Number) events.get(19).get("seq")).intValue());
        assertEquals("cause 25", events.get(19).get("cause"));
        assertEquals(List.of("seq", "ts", "node", "kind", "group", "peer", "cause"), List.copyOf(events.get(19).keySet()),
                "what the page shows, not the details");
        assertEquals(scheduler.clock().wallTime().toString(), snap.get("page_time"));
    }

    @Test
    void theJournalIsReadOnlyWhenItHasWrittenSomethingAndOnlyPastTheCursor() throws IOException {
        sources.write(3);
        snapshot();
        snapshot();
        assertEquals(java.util.Arrays.asList((Long) null), sources.eventCalls, "nothing written since: no read");
        sources.write(2);
        List<Map<String, Object>> events = events(snapshot());
        assertEquals(java.util.Arrays.asList(null, 3L), sources.eventCalls);
        assertEquals(5, events.size());
        assertEquals("cause 5", events.get(4).get("cause"));
    }

    @Test
    void aLongJournalIsCaughtUpTenPagesAtATime() throws IOException {
        sources.write(25_000);
        assertEquals(10_000, ((Number) events(snapshot()).get(19).get("seq")).intValue());
        assertEquals(10, sources.eventCalls.size());
        assertEquals(20_000, ((Number) events(snapshot()).get(19).get("seq")).intValue());
        assertEquals(25_000, ((Number) events(snapshot()).get(19).get("seq")).intValue());
        assertEquals(26, sources.eventCalls.size(), "25 full pages and the short one that ends the catch-up");
        snapshot();
        assertEquals(26, sources.eventCalls.size());
    }

    @Test
    void aLongCauseIsCut() throws IOException {
        sources.write(1);
        sources.journal.get(0).put("cause", "x".repeat(5000));
        String cause = (String) events(snapshot()).get(0).get("cause");
        assertEquals(EventTail.MAX_CAUSE + 1, cause.length());
        assertTrue(cause.endsWith("…"));
    }

    @Test
    void aStatusThatFailsOrIsRefusedIsAnErrorBesideTheEvents() throws IOException {
        sources.write(1);
        sources.status = () -> CompletableFuture.failedFuture(new IllegalStateException("busy: the event loop has 256 commands waiting"));
        Map<String, Object> snap = snapshot();
        assertNull(snap.get("status"));
        assertEquals("no status: java.lang.IllegalStateException: busy: the event loop has 256 commands waiting",
                snap.get("status_error"));
        assertEquals(1, events(snap).size());
        sources.status = () -> CompletableFuture.completedFuture(Answers.error("the event loop did not answer within 5000 ms"));
        assertEquals("the event loop did not answer within 5000 ms", snapshot().get("status_error"));
        sources.eventsError = "cannot read the journal: disk on fire";
        sources.write(1);
        snap = snapshot();
        assertEquals("cannot read the journal: disk on fire", snap.get("events_error"));
        assertEquals(1, events(snap).size(), "the events read before stay");
    }

    @Test
    void ticksBuildOnlyWhileSomeoneWatchesAndOneAtATime() {
        feed.start();
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(0, sources.statusCalls, "no one watches: nothing is built");
        watchers.set(1);
        scheduler.advance(Duration.ofMillis(StatusFeed.PERIOD_MILLIS));
        assertEquals(1, published.size());
        scheduler.advance(Duration.ofMillis(StatusFeed.PERIOD_MILLIS * 3));
        assertEquals(4, published.size(), "one snapshot every " + StatusFeed.PERIOD_MILLIS + " ms");
        CompletableFuture<java.util.Map<String, Object>> stuck = new CompletableFuture<>();
        sources.status = () -> stuck;
        int calls = sources.statusCalls;
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(calls + 1, sources.statusCalls, "a loop that does not answer is asked once, not 40 times");
        stuck.complete(Answers.result(FakeSources.status("node-a", "node-b", 4)));
        scheduler.runDue();
        assertEquals(5, published.size());
        assertTrue(new String(published.get(4), java.nio.charset.StandardCharsets.UTF_8).contains("\"owner\":\"node-b\""));
        watchers.set(0);
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(5, published.size());
    }

    @Test
    void aSnapshotTheStreamRefusesDoesNotStopTheFeed() {
        List<byte[]> sent = new ArrayList<>();
        AtomicInteger refusals = new AtomicInteger(1);
        StatusFeed refusing = new StatusFeed(sources, scheduler.clock(), scheduler, () -> 1, bytes -> {
            if (refusals.getAndDecrement() > 0) {
                throw new IllegalArgumentException("an event of 2000000 bytes is larger than 1048576");
            }
            sent.add(bytes);
        });
        refusing.start();
        scheduler.advance(Duration.ofMillis(StatusFeed.PERIOD_MILLIS * 3));
        assertEquals(2, sent.size(), "the first was refused, the next two were sent");
    }

    @Test
    void singleRequestsAreCappedAndAnsweredAsJson() throws IOException {
        CompletableFuture<java.util.Map<String, Object>> stuck = new CompletableFuture<>();
        sources.status = () -> stuck;
        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        for (int i = 0; i < StatusFeed.MAX_PENDING; i++) {
            waiting.add(feed.json(null));
        }
        Response busy = feed.json(null).join();
        assertEquals(503, busy.status());
        stuck.complete(Answers.result(FakeSources.status("node-a", "node-a", 3)));
        scheduler.runDue();
        for (CompletableFuture<Response> f : waiting) {
            assertEquals(200, f.join().status());
        }
        CompletableFuture<Response> again = feed.json(null);
        scheduler.runDue();
        assertEquals(200, again.join().status(), "the places are free again");
        assertFalse(busy.status() == 200);
    }
}
