package io.heartline.daemon.metrics;

import io.heartline.core.journal.Journal;
import io.heartline.daemon.alerts.JournalHealth;
import io.heartline.daemon.loop.Inbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The bounded queues between the world and the state: the loop's inbox (waiting, beacons coalesced,
 * commands refused busy) and the journal's writer (written, dropped, lost, failures, waiting,
 * failing). Read at scrape time; nothing is added on the event path.
 */
public final class LoopMetrics implements MeterBinder {
    private final Inbox inbox;
    private final Journal journal;
    private final JournalHealth health;

    public LoopMetrics(Inbox inbox, Journal journal, JournalHealth health) {
        this.inbox = inbox;
        this.journal = journal;
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("heartline.loop.inbox.waiting", inbox, Inbox::size)
                .description("Items waiting for the event loop (all lanes)").register(registry);
        FunctionCounter.builder("heartline.loop.inbox.coalesced", inbox, Inbox::coalesced)
                .description("Beacons and views replaced by a newer one before the loop handled them").register(registry);
        FunctionCounter.builder("heartline.loop.inbox.refused", inbox, Inbox::refused)
                .description("Control commands refused 'busy' because their lane was full").register(registry);
        FunctionCounter.builder("heartline.journal.written", journal, Journal::written)
                .description("Journal entries written").register(registry);
        FunctionCounter.builder("heartline.journal.dropped", journal, Journal::dropped)
                .description("Journal entries dropped because the writer's queue was full").register(registry);
        FunctionCounter.builder("heartline.journal.lost", journal, Journal::lost)
                .description("Journal entries lost at close (the writer could not finish)").register(registry);
        FunctionCounter.builder("heartline.journal.failures", journal, Journal::failures)
                .description("Failed journal writes").register(registry);
        Gauge.builder("heartline.journal.waiting", journal, Journal::queued)
                .description("Journal entries waiting for the writer").register(registry);
        Gauge.builder("heartline.journal.failing", health, h -> h.fault() == null ? 0 : 1)
                .description("1 while the journal cannot be written").register(registry);
    }
}
