package io.heartline.daemon.reload;

import io.heartline.core.journal.RecordKind;
import io.heartline.daemon.groups.GroupService;
import io.heartline.core.Clock;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidConfigException;
import io.heartline.core.config.VipConfig;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hactl reload} and SIGHUP: read the config file again with every check of a start, and
 * apply only the difference. Timings take effect from the next event and beacon; a VIP added to a
 * group this node runs is claimed (address and gratuitous ARP), a removed one released; groups
 * elsewhere just learn their new VIPs. No group changes hands. A config that fails its checks, or
 * that changes what only a restart can change, is refused and the running one stays.
 */
public final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);
    private static final long APPLY_TIMEOUT_MS = 30_000;

    /** Hands the applied config to the running parts: new timings to the decider and timers, status. */
    public interface Applier {
        void apply(HeartlineConfig previous, HeartlineConfig next);

        /** Before a reload adds or removes VIPs (the VIP list of hactl cleanup-vips must name every VIP that may be up). */
        default void vipsChanging(HeartlineConfig previous, HeartlineConfig next) {
        }

        /** After: {@code allApplied} is false when some VIP could not be added or removed (it may still be up). */
        default void vipsChanged(HeartlineConfig previous, HeartlineConfig next, boolean allApplied) {
        }
    }

    /** The outcome: {@code ok} with the changes made, or refused with the problems found. */
    public record Result(boolean ok, String message, List<String> changes, List<String> problems, boolean invalid) {
    }

    private final Clock clock;
    private final Journal journal;
    private final GroupService groups;
    private final Applier applier;
    private volatile HeartlineConfig current;

    public Reloader(HeartlineConfig config, Clock clock, Journal journal, GroupService groups, Applier applier) {
        this.current = config;
        this.clock = clock;
        this.journal = journal;
        this.groups = groups;
        this.applier = applier;
    }

    public HeartlineConfig current() {
        return current;
    }

    public synchronized Result reload() {
        HeartlineConfig next;
        try {
            next = ConfigLoader.load(current.source());
        } catch (InvalidConfigException e) {
            List<String> problems = e.problems().stream().map(Object::toString).toList();
            return refused("config refused: " + problems.size() + " problem(s) in " + current.source()
                    + "; the running config stays", problems, true);
        }
        ConfigDiff diff = ConfigDiff.of(current, next);
        if (!diff.restart().isEmpty()) {
            return refused("config refused: these changes need a restart (hactl standby, restart, hactl online): "
                    + String.join(", ", diff.restart()) + "; nothing was applied", diff.restart(), false);
        }
        if (diff.empty()) {
            return new Result(true, "no changes", List.of(), List.of(), false);
        }
        List<String> failed = new ArrayList<>();
        if (!diff.vips().isEmpty()) {
            applier.vipsChanging(current, next);
        }
        for (Map.Entry<String, List<VipConfig>> e : diff.vips().entrySet()) {
            try {
                failed.addAll(groups.updateVips(e.getKey(), e.getValue()).get(APPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            } catch (Exception ex) {
                failed.add("group " + e.getKey() + ": " + ex);
            }
        }
        if (!diff.vips().isEmpty()) {
            applier.vipsChanged(current, next, failed.isEmpty());
        }
        applier.apply(current, next);
        current = next;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("changes", diff.changes());
        if (!failed.isEmpty()) {
            fields.put("failed", failed);
        }
        String message = "reloaded " + current.source() + ": " + diff.changes().size() + " change(s)"
                + (failed.isEmpty() ? "" : "; " + failed.size() + " could not be applied: " + failed);
        journal.append(new JournalEntry(clock.wallTime(), current.self().name(), RecordKind.RELOAD.wireName(), null, message, fields));
        log.info("{}: {}", message, diff.changes());
        return new Result(failed.isEmpty(), message, diff.changes(), failed, false);
    }

    private Result refused(String message, List<String> problems, boolean invalid) {
        log.error("{}: {}", message, problems);
        journal.append(new JournalEntry(clock.wallTime(), current.self().name(), RecordKind.RELOAD_REFUSED.wireName(), null, message,
                Map.of("problems", problems)));
        return new Result(false, message, List.of(), problems, invalid);
    }

    /** SIGHUP: reload on a thread of its own (never on the signal dispatcher), and log the outcome. */
    public void reloadInBackground() {
        CompletableFuture.runAsync(this::reload).exceptionally(e -> {
            log.error("reload failed", e);
            return null;
        });
    }
}
