package io.heartline.daemon.loop;

import io.heartline.daemon.groups.GroupService;
import io.heartline.daemon.media.BeaconSender;
import io.heartline.core.Clock;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.state.OwnershipStore;
import io.heartline.membership.Action;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the decider's actions in order, on the loop thread. Quick ones (persist, journal,
 * beacon, reply) run inline; starting and stopping groups go to the {@link GroupService}.
 */
public final class ActionRunner {
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);
    private final String node;
    private final Clock clock;
    private final OwnershipStore store;
    private final Journal journal;
    private final GroupService groups;
    private final BeaconSender beacons;
    private final io.heartline.core.state.ModeStore modes;
    private final Map<Long, CompletableFuture<Action.Reply>> replies = new ConcurrentHashMap<>();
    private final CountDownLatch shutdownComplete = new CountDownLatch(1);
    private java.util.function.Consumer<Action.Record> recordListener = r -> { };
    private java.util.function.Consumer<io.heartline.core.NodeId> fencer = n -> {
        throw new IllegalStateException("fencing requested but no fencer is wired");
    };

    public ActionRunner(String node, Clock clock, OwnershipStore store, Journal journal, GroupService groups, BeaconSender beacons) {
        this.node = node;
        this.clock = clock;
        this.store = store;
        this.modes = new io.heartline.core.state.ModeStore(store.file().getParent());
        this.journal = journal;
        this.groups = groups;
        this.beacons = beacons;
    }

    /** Registers a control request whose answer will come as a {@link Action.Reply}. */
    public CompletableFuture<Action.Reply> expectReply(long requestId) {
        return replies.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** Who carries out {@link Action.FencePeer}. */
    public void onFence(java.util.function.Consumer<io.heartline.core.NodeId> fence) {
        this.fencer = fence;
    }

    /** Also hand every journal record to {@code listener} (alerts), on the loop thread. */
    public void onRecord(java.util.function.Consumer<Action.Record> listener) {
        this.recordListener = listener;
    }

    public CountDownLatch shutdownComplete() {
        return shutdownComplete;
    }

    public void run(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.PersistOwnership p) {
                persist(p);
            } else if (a instanceof Action.StartGroup s) {
                groups.start(s.group(), s.epoch());
            } else if (a instanceof Action.StopGroup s) {
                groups.stop(s.group());
            } else if (a instanceof Action.FencePeer f) {
                fencer.accept(f.node());
            } else if (a instanceof Action.SendBeaconNow) {
                beacons.send();
            } else if (a instanceof Action.Record r) {
                record(r);
            } else if (a instanceof Action.Reply r) {
                CompletableFuture<Action.Reply> f = replies.remove(r.requestId());
                if (f != null) {
                    f.complete(r);
                }
            } else if (a instanceof Action.PauseMonitors p) {
                groups.pauseMonitors(p.paused());
            } else if (a instanceof Action.PersistMode m) {
                persistMode(m.standby());
            } else if (a instanceof Action.ShutdownComplete) {
                shutdownComplete.countDown();
            }
        }
    }

    private void persist(Action.PersistOwnership p) {
        try {
            store.save(p.terms());
        } catch (IOException e) {
            // Not fatal for the running node (the term is in memory and in every beacon), but a
            // restart could reuse an epoch: say so loudly.
            log.error("cannot write {}: {} (a restart may not know the newest epoch)", store.file(), e.toString());
        }
    }

    private void persistMode(boolean standby) {
        try {
            modes.save(standby);
        } catch (IOException e) {
            log.error("cannot write {}: {} (a restarted daemon will not remember standby={})", modes.file(), e.toString(),
                    standby);
        }
    }

    void record(Action.Record r) {
        journal.append(new JournalEntry(clock.wallTime(), node, r.kind(), r.group(), r.cause(), r.fields()));
        recordListener.accept(r);
        String what = r.group() == null ? r.kind() : "(" + r.group() + ") " + r.kind();
        if (r.kind().equals("transition")) {
            log.info("({}) entering {} from {} (epoch {}): {}", r.group(), r.fields().get("to"), r.fields().get("from"),
                    r.fields().get("epoch"), r.cause());
        } else if (r.kind().equals("peer-dead") || r.kind().equals("two-owners") || r.kind().equals("no-quorum")
                || r.kind().equals("pause-detected")) {
            log.warn("{} {}: {}", what, r.fields(), r.cause());
        } else {
            log.info("{} {}: {}", what, r.fields(), r.cause());
        }
    }
}
