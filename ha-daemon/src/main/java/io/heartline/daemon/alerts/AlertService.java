package io.heartline.daemon.alerts;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.Clock;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.membership.Action;
import io.heartline.notify.Alert;
import io.heartline.notify.AlertKinds;
import io.heartline.notify.ChannelSections;
import io.heartline.notify.ChannelSpec;
import io.heartline.notify.ChannelStatus;
import io.heartline.notify.DeliveryOutcome;
import io.heartline.notify.Notifier;
import io.heartline.notify.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's alerts: journal records become alerts ({@link AlertMapper}) handed to the
 * {@link Notifier}, which delivers them on its own threads, so an alert never slows a failover.
 * Every delivery attempt is journaled and logged.
 */
public final class AlertService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    private final Notifier notifier;
    private final String node;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, String> claimCauses = new HashMap<>();

    private AlertService(Notifier notifier, String node, Clock clock, ScheduledExecutorService scheduler) {
        this.notifier = notifier;
        this.node = node;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public static AlertService start(HeartlineConfig config, Clock clock, Journal journal) throws InvalidSectionException {
        String node = config.self().name();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartline-alerts");
            t.setDaemon(true);
            return t;
        });
        Notifier.Builder b = Notifier.builder().node(node).clock(clock).scheduler(scheduler)
                .listener((channel, alert, attempt, outcome, detail) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("channel", channel);
                    fields.put("alert", alert.kind());
                    fields.put("attempt", attempt);
                    fields.put("outcome", outcome.name());
                    journal.append(new JournalEntry(clock.wallTime(), node, RecordKind.ALERT_DELIVERY.wireName(), alert.group(), detail, fields));
                    if (outcome == DeliveryOutcome.DELIVERED) {
                        log.info("alert {} sent on {} (attempt {})", alert.kind(), channel, attempt);
                    } else {
                        log.warn("alert {} on {}: {} (attempt {}): {}", alert.kind(), channel, outcome, attempt, detail);
                    }
                });
        for (ChannelSpec spec : ChannelSections.specs(config)) {
            b.channel(spec);
        }
        return new AlertService(b.build(), node, clock, scheduler);
    }

    /** Called on the loop thread with every journal record; never blocks. */
    public void onRecord(Action.Record r) {
        if (r.kind() == RecordKind.TRANSITION && "STARTING".equals(r.fields().get("to"))) {
            claimCauses.put(r.group(), r.cause());
        }
        String claimCause = r.kind() == RecordKind.TRANSITION && "ACTIVE".equals(r.fields().get("to"))
                ? claimCauses.remove(r.group()) : null;
        AlertMapper.map(r, node, clock.wallTime(), claimCause).ifPresent(notifier::submit);
    }

    public void daemon(String kind, String what) {
        notifier.submit(new Alert(kind, Severity.INFO, node, null, what, "", clock.wallTime()));
    }

    /** Journal outages and recoveries become CRITICAL alerts (an operator must free the disk). */
    public void watch(JournalHealth journal) {
        journal.subscribe(what -> notifier.submit(new Alert(AlertKinds.JOURNAL, Severity.CRITICAL, node, null, what, "",
                clock.wallTime())));
    }

    public CompletableFuture<DeliveryOutcome> test(String channel) {
        return notifier.test(channel);
    }

    public List<String> channels() {
        return notifier.channelNames();
    }

    public List<ChannelStatus> status() {
        return notifier.status();
    }

    @Override
    public void close() {
        daemon(AlertKinds.DAEMON_STOP, "heartline stopping");
        try {
            notifier.awaitIdle(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
        scheduler.shutdownNow();
    }
}
