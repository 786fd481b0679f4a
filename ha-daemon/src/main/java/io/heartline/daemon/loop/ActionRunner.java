package io.heartline.daemon.loop;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.journal.RecordKind;
import io.heartline.core.state.ModeStore;
import io.heartline.core.state.OwnershipStore;
import io.heartline.membership.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the decider's actions in order, on the loop thread. Quick ones (persist, journal,
 * beacon, reply) run inline; starting and stopping groups, fencing, probing a silent peer and the
 * witness's questions go to their services, which answer with events.
 *
 * <p>A state change and its actions are one unit. When an action throws, the rest still run,
 * except that no group is started after a failure in the same batch (a claim never goes on past a
 * step that failed, such as writing its epoch; stopping and releasing always go on). The journal
 * gets one {@code actions-failed} line naming what ran, what failed and what was skipped, and the
 * decider is told through the same events a failed start, stop or fence already sends, so its
 * state never claims something that did not happen.
 */
public final class ActionRunner implements Consumer<List<Action>> {
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    /** Where the actions go. Each is called on the loop thread and must not block. */
    public interface Targets {
        void startGroup(String group, long epoch);

        void stopGroup(String group);

        void pauseMonitors(boolean paused);

        void fence(NodeId node);

        void sendBeacon();

        /** Announce a group's VIPs again (the decider's REANNOUNCE). */
        void reannounce(String group);

        /** Ask a silent peer's kernel and daemon port; the answer comes as an {@code Event.ProbeAnswer}. Must not block. */
        void probePeer(Action.ProbePeer probe);

        /** A journal record, after it is appended: alerts, metrics. */
        void recorded(Action.Record record);

        /** The witness: make this node the holder of the group's lock (answered with an event). */
        void askWitness(Action.AskWitness ask);

        /** The witness: give the group's lock back if this node holds it. */
        void leaveWitness(Action.LeaveWitness leave);
    }

    private final String node;
    private final Clock clock;
    private final OwnershipStore store;
    private final ModeStore modes;
    private final Journal journal;
    private final Targets targets;
    private final Inbox inbox;
    private final Map<Long, CompletableFuture<Action.Reply>> replies = new ConcurrentHashMap<>();
    private final CountDownLatch shutdownComplete = new CountDownLatch(1);
    /** Stage 1 of the detector under load: at most {@value SuspectLines#BURST} journal lines per peer per minute. */
    private final SuspectLines suspectLines = new SuspectLines();

    /**
     * A per-peer budget of peer-suspect journal lines ({@value #BURST} a minute): a busy machine with
     * a 10 ms interval suspects its peer several times a second, and each is counted anyway. Loop
     * thread only.
     */
    private final class SuspectLines {
        static final int BURST = 10;
        private static final long WINDOW = 60_000_000_000L;
        private final Map<String, long[]> byPeer = new java.util.HashMap<>();

        boolean allow(String peer) {
            long now = clock.monotonicNanos();
            long[] w = byPeer.computeIfAbsent(peer, k -> new long[] {now, 0});
            if (now - w[0] >= WINDOW) {
                w[0] = now;
                w[1] = 0;
            }
            return ++w[1] <= BURST;
        }
    }

    public ActionRunner(String node, Clock clock, OwnershipStore store, ModeStore modes, Journal journal, Targets targets,
                        Inbox inbox) {
        this.node = node;
        this.clock = clock;
        this.store = store;
        this.modes = modes;
        this.journal = journal;
        this.targets = targets;
        this.inbox = inbox;
    }

    /** Registers a control request whose answer will come as a {@link Action.Reply}. */
    public CompletableFuture<Action.Reply> expectReply(long requestId) {
        return replies.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    public CountDownLatch shutdownComplete() {
        return shutdownComplete;
    }

    @Override
    public void accept(List<Action> actions) {
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Action a : actions) {
            if (!failed.isEmpty() && a instanceof Action.StartGroup s) {
                skipped.add(a.describe());
                inbox.post(at -> new io.heartline.membership.Event.GroupStarted(at, s.group(), false,
                        "not started: an earlier step of the same change failed (" + String.join("; ", failed.values()) + ")",
                        true));
                continue;
            }
            try {
                carryOut(a);
                ran.add(a.describe());
            } catch (RuntimeException e) {
                failed.put(a.describe(), a.describe() + ": " + e);
                log.error("action failed: {}", a.describe(), e);
                tellDecider(a, e);
            }
        }
        if (!failed.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ran", ran);
            fields.put("failed", List.copyOf(failed.values()));
            fields.put("skipped", skipped);
            String cause = failed.size() + " action(s) failed; the decider was told: " + String.join("; ", failed.values());
            journal.append(new JournalEntry(clock.wallTime(), node, RecordKind.ACTIONS_FAILED.wireName(), null, cause, fields));
            targets.recorded(new Action.Record(RecordKind.ACTIONS_FAILED, null, cause, fields)); // alerted and counted
        }
    }

    /** The event a failed start, stop or fence sends anyway, so the decider's state matches what happened. */
    private void tellDecider(Action a, RuntimeException e) {
        String why = "failed to carry out: " + e;
        if (a instanceof Action.StartGroup s) {
            inbox.post(at -> new io.heartline.membership.Event.GroupStarted(at, s.group(), false, why));
        } else if (a instanceof Action.StopGroup s) {
            inbox.post(at -> new io.heartline.membership.Event.GroupStopped(at, s.group(), false, why));
        } else if (a instanceof Action.FencePeer f) {
            inbox.post(at -> new io.heartline.membership.Event.FenceDone(at, f.node(), false, why));
        } else if (a instanceof Action.ProbePeer p) {
            inbox.post(at -> new io.heartline.membership.Event.ProbeAnswer(at, p.peer(), p.round(),
                    io.heartline.membership.Event.Kernel.UNKNOWN, io.heartline.membership.Event.Port.UNKNOWN, why));
        } else if (a instanceof Action.Reply r) {
            CompletableFuture<Action.Reply> f = replies.remove(r.requestId());
            if (f != null) {
                f.completeExceptionally(e);
            }
        } else if (a instanceof Action.ShutdownComplete) {
            shutdownComplete.countDown();
        }
    }

    private void carryOut(Action a) {
        if (a instanceof Action.PersistOwnership p) {
            write(() -> store.save(p.terms()), store.file());
        } else if (a instanceof Action.StartGroup s) {
            targets.startGroup(s.group(), s.epoch());
        } else if (a instanceof Action.StopGroup s) {
            targets.stopGroup(s.group());
        } else if (a instanceof Action.FencePeer f) {
            targets.fence(f.node());
        } else if (a instanceof Action.SendBeaconNow) {
            targets.sendBeacon();
        } else if (a instanceof Action.Reannounce r) {
            targets.reannounce(r.group());
        } else if (a instanceof Action.ProbePeer p) {
            targets.probePeer(p);
        } else if (a instanceof Action.Record r) {
            record(r);
        } else if (a instanceof Action.Reply r) {
            CompletableFuture<Action.Reply> f = replies.remove(r.requestId());
            if (f != null) {
                f.complete(r);
            }
        } else if (a instanceof Action.PauseMonitors p) {
            targets.pauseMonitors(p.paused());
            // maintenance on disk, for hactl cleanup-vips after a crash (ModeStore): leave everything as it is
            write(() -> modes.saveMaintenance(p.paused()), modes.maintenanceFile());
        } else if (a instanceof Action.PersistMode m) {
            write(() -> modes.save(m.standby()), modes.file());
        } else if (a instanceof Action.ShutdownComplete) {
            shutdownComplete.countDown();
        } else if (a instanceof Action.AskWitness w) {
            targets.askWitness(w);
        } else if (a instanceof Action.LeaveWitness w) {
            targets.leaveWitness(w);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write w, java.nio.file.Path file) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void record(Action.Record r) {
        if (r.kind() != RecordKind.PEER_SUSPECT || suspectLines.allow(String.valueOf(r.fields().get("peer")))) {
            journal.append(new JournalEntry(clock.wallTime(), node, r.kind().wireName(), r.group(), r.cause(), r.fields()));
        }
        targets.recorded(r); // counted every time (heartline.peer.suspicions): only the journal is thinned
        String what = r.group() == null ? r.kind().wireName() : "(" + r.group() + ") " + r.kind().wireName();
        if (r.kind() == RecordKind.TRANSITION) {
            log.info("({}) entering {} from {} (epoch {}): {}", r.group(), r.fields().get("to"), r.fields().get("from"),
                    r.fields().get("epoch"), r.cause());
        } else if (r.kind() == RecordKind.PEER_SUSPECT) {
            log.debug("{} {}: {}", what, r.fields(), r.cause()); // stage 1 of the detector: frequent under load, not news
        } else if (r.kind().warns()) {
            log.warn("{} {}: {}", what, r.fields(), r.cause());
        } else {
            log.info("{} {}: {}", what, r.fields(), r.cause());
        }
    }
}
