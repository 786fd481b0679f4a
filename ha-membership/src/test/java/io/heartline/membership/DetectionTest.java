package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The two-stage detector in virtual time, driven as the event loop drives it (a tick at each
 * {@link Decider#nextTick}), over every combination of what a probe can find (kernel answered,
 * silent, not asked; port closed, open, not asked), how its answer arrives (on time, after the
 * confirm-timeout, lost, quoting another round: stale or forged) and whether the peer is still
 * heard on a serial cable. Fast profile: interval 10 ms, suspect-after 30 ms, confirm 5 ms,
 * deadtime 300 ms. The peer falls silent on the Ethernet medium at {@link #SILENT_FROM}.
 */
class DetectionTest {
    static final long MS = 1_000_000L;
    static final NodeId A = new NodeId("node-a");
    static final NodeId B = new NodeId("node-b");
    static final long INTERVAL = 10 * MS;
    static final long SUSPECT = 30 * MS;
    static final long DEAD = 300 * MS;
    static final long SILENT_FROM = 1_000 * MS;

    /** ON_TIME 2 ms; LATE 9 ms (after the 5 ms confirm-timeout, within its margin); TOO_LATE 40 ms (a stall). */
    enum Delivery { ON_TIME, LATE, TOO_LATE, LOST, OTHER_ROUND }

    final Decider decider = new Decider(new DeciderSettings(B, Map.of(A, 100, B, 50), List.of("web"),
            List.of("mc", "serial"), INTERVAL, DEAD, 200 * MS, 100 * MS, false, 0, DEAD / 2, 30_000 * MS, false, 0,
            1_000 * MS, 30_000 * MS, SUSPECT, 5 * MS));

    /** What happened to the peer in one run. */
    record Outcome(Optional<Long> deadAt, String stage, int probes, boolean slowRecorded, List<String> log) {
    }

    /** One run: the peer beacons on mc (and serial while {@code serial}) until SILENT_FROM on mc. */
    final class Run {
        ClusterState s = decider.initial(Map.of(), 0);
        final List<String> log = new ArrayList<>();
        long lastMc = Long.MIN_VALUE;
        long lastSerial = Long.MIN_VALUE;
        long pendingAt = Long.MAX_VALUE;
        Event.ProbeAnswer pending;
        Long deadAt;
        String stage = "";
        int probes;
        boolean slow;
        long stallAt = Long.MAX_VALUE;
        long stallFor;

        void feed(Event e) {
            Decider.Result r = decider.apply(s, e);
            s = r.state();
            for (Action a : r.actions()) {
                log.add(e.at() / MS + " " + a.describe());
                if (a instanceof Action.Record rec && rec.kind().wireName().equals("peer-dead") && deadAt == null) {
                    deadAt = e.at();
                    stage = String.valueOf(rec.fields().get("stage"));
                }
                if (a instanceof Action.Record rec && "slow".equals(rec.fields().get("verdict"))) {
                    slow = true;
                }
                if (a instanceof Action.ProbePeer p) {
                    probes++;
                    onProbe.accept(this, p);
                }
            }
        }

        java.util.function.BiConsumer<Run, Action.ProbePeer> onProbe = (run, p) -> { };

        Outcome until(long end, boolean serial) {
            feed(new Event.MediaOpen(0));
            long t = 0;
            while (t < end) {
                long nextMc = lastMc == Long.MIN_VALUE ? 0 : lastMc + INTERVAL;
                long nextSerial = lastSerial == Long.MIN_VALUE ? 0 : lastSerial + INTERVAL;
                long tick = decider.nextTick(s);
                long next = Math.min(Math.min(nextMc < SILENT_FROM ? nextMc : Long.MAX_VALUE,
                        serial ? nextSerial : Long.MAX_VALUE), Math.min(tick, pendingAt));
                t = Math.max(t, next);
                if (t >= end) {
                    break;
                }
                if (next == pendingAt) {
                    Event.ProbeAnswer a = pending;
                    pending = null;
                    pendingAt = Long.MAX_VALUE;
                    feed(new Event.ProbeAnswer(t, a.peer(), a.round(), a.kernel(), a.port(), a.detail()));
                } else if (next == tick) {
                    if (t >= stallAt) { // this node froze: the tick comes stallFor late
                        stallAt = Long.MAX_VALUE;
                        t += stallFor;
                        pendingAt = Math.max(pendingAt == Long.MAX_VALUE ? pendingAt : t, pendingAt);
                    }
                    feed(new Event.Tick(t, tick));
                } else if (next == nextMc && nextMc < SILENT_FROM) {
                    lastMc = t;
                    feed(new Event.PeerBeacon(t, "mc", A, 1, t, List.of(), List.of()));
                } else {
                    lastSerial = t;
                    feed(new Event.PeerBeacon(t, "serial", A, 1, t, List.of(), List.of()));
                }
            }
            return new Outcome(Optional.ofNullable(deadAt), stage, probes, slow, log);
        }
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Event.Kernel k : Event.Kernel.values()) {
            for (Event.Port p : Event.Port.values()) {
                for (Delivery d : Delivery.values()) {
                    for (boolean serial : new boolean[]{false, true}) {
                        all.add(Arguments.of(k, p, d, serial));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "kernel {0}, port {1}, answer {2}, serial heard {3}")
    @MethodSource("combinations")
    void everyCombination(Event.Kernel kernel, Event.Port port, Delivery delivery, boolean serial) {
        Run run = new Run();
        run.onProbe = (r, p) -> {
            if (delivery == Delivery.LOST) {
                return;
            }
            long delay = delivery == Delivery.LATE ? 9 * MS : delivery == Delivery.TOO_LATE ? 40 * MS : 2 * MS;
            long round = delivery == Delivery.OTHER_ROUND ? p.round() - 1 : p.round();
            r.pending = new Event.ProbeAnswer(0, p.peer(), round, kernel, port, "test");
            r.pendingAt = r.log.isEmpty() ? 0 : lastTime(r) + delay;
        };
        Outcome o = run.until(SILENT_FROM + DEAD + 200 * MS, serial);
        long lastBeacon = SILENT_FROM - INTERVAL;
        if (serial) {
            assertEquals(0, o.probes(), "a peer heard on serial is never suspect: " + o.log());
            assertTrue(o.deadAt().isEmpty(), o.log().toString());
            return;
        }
        assertTrue(o.probes() >= 1, "silent on every medium for suspect-after: probed");
        long deadAt = o.deadAt().orElseThrow(() -> new AssertionError("never dead: " + o.log()));
        assertTrue(deadAt - lastBeacon >= SUSPECT, "never dead before suspect-after: " + o.log());
        boolean counts = delivery == Delivery.ON_TIME || delivery == Delivery.LATE;
        boolean confirmed = counts && (port == Event.Port.CLOSED || kernel == Event.Kernel.SILENT)
                || delivery == Delivery.TOO_LATE && port == Event.Port.CLOSED; // a nonce-quoting port-closed is no less true late
        if (confirmed) {
            assertTrue(deadAt - lastBeacon < SUSPECT + 50 * MS, "a confirmed death comes at once: " + o.log());
            assertEquals(port == Event.Port.CLOSED ? "port-closed" : "no-kernel-answer", o.stage());
        } else {
            assertEquals(lastBeacon + DEAD, deadAt, "unconfirmed: dead exactly at deadtime: " + o.log());
            assertEquals("deadtime", o.stage());
        }
        if (delivery == Delivery.TOO_LATE && kernel == Event.Kernel.SILENT && port != Event.Port.CLOSED) {
            assertTrue(o.probes() > 2, "a silence measured across a stall is asked again: " + o.log());
        }
        boolean slowCounts = counts || delivery == Delivery.TOO_LATE;
        assertEquals(slowCounts && kernel == Event.Kernel.ANSWERED && port != Event.Port.CLOSED, o.slowRecorded(),
                "'slow' only when its kernel answered and the port was not closed: " + o.log());
    }

    private static long lastTime(Run r) {
        String last = r.log.get(r.log.size() - 1);
        return Long.parseLong(last.substring(0, last.indexOf(' '))) * MS;
    }

    @Test
    void aSlowPeerIsAskedAgainAndFlappingAnswersEndInADeathOnlyWhenOneConfirmsIt() {
        Run run = new Run();
        Event.Kernel[] answers = {Event.Kernel.ANSWERED, Event.Kernel.ANSWERED, Event.Kernel.SILENT};
        run.onProbe = (r, p) -> {
            Event.Kernel k = answers[Math.min(r.probes - 1, answers.length - 1)];
            r.pending = new Event.ProbeAnswer(0, p.peer(), p.round(), k, Event.Port.NOT_CLOSED, "test");
            r.pendingAt = lastTime(r) + 1 * MS;
        };
        Outcome o = run.until(SILENT_FROM + DEAD + 200 * MS, false);
        assertEquals(3, o.probes(), o.log().toString());
        assertEquals("no-kernel-answer", o.stage());
        long lastBeacon = SILENT_FROM - INTERVAL;
        assertTrue(o.deadAt().orElseThrow() - lastBeacon < 3 * SUSPECT + 10 * MS, o.log().toString());
    }

    @Test
    void aRoundWithoutVerdictIsAskedAgainAndALaterConfirmationCountsBeforeDeadtime() {
        Run run = new Run();
        run.onProbe = (r, p) -> { // the first round could not ask the kernel (its check ran late), the second finds it silent
            Event.Kernel k = r.probes == 1 ? Event.Kernel.UNKNOWN : Event.Kernel.SILENT;
            r.pending = new Event.ProbeAnswer(0, p.peer(), p.round(), k, Event.Port.NOT_CLOSED, "test");
            r.pendingAt = lastTime(r) + 1 * MS;
        };
        Outcome o = run.until(SILENT_FROM + DEAD + 200 * MS, false);
        assertEquals(2, o.probes(), o.log().toString());
        assertEquals("no-kernel-answer", o.stage());
        assertTrue(o.log().stream().anyMatch(l -> l.contains("verdict=unknown")), "the round without verdict is journaled: "
                + o.log());
        long lastBeacon = SILENT_FROM - INTERVAL;
        assertTrue(o.deadAt().orElseThrow() - lastBeacon < SUSPECT + 2 * INTERVAL + 10 * MS, o.log().toString());
    }

    @Test
    void aRoundWhoseAnswerIsLostIsAskedAgainOnceItIsOverdue() {
        Run run = new Run();
        run.onProbe = (r, p) -> {
            if (r.probes > 1) { // the first answer never comes back
                r.pending = new Event.ProbeAnswer(0, p.peer(), p.round(), Event.Kernel.SILENT, Event.Port.NOT_CLOSED, "test");
                r.pendingAt = lastTime(r) + 1 * MS;
            }
        };
        Outcome o = run.until(SILENT_FROM + DEAD + 200 * MS, false);
        assertEquals(2, o.probes(), o.log().toString());
        assertEquals("no-kernel-answer", o.stage());
        long lastBeacon = SILENT_FROM - INTERVAL;
        assertTrue(o.deadAt().orElseThrow() - lastBeacon < DEAD / 2, o.log().toString());
    }

    @Test
    void aStalledNodeNeverDeclaresADeathOnTheSilenceOfItsOwnStall() {
        Run run = new Run();
        run.stallAt = SILENT_FROM + SUSPECT; // frozen just as the first probe goes out
        run.stallFor = 200 * MS;
        run.onProbe = (r, p) -> {
            // the first round's wait spans the stall: its "no answer" was measured while frozen
            boolean first = r.probes == 1;
            r.pending = new Event.ProbeAnswer(0, p.peer(), p.round(), first ? Event.Kernel.SILENT : Event.Kernel.ANSWERED,
                    Event.Port.NOT_CLOSED, "test");
            r.pendingAt = lastTime(r) + (first ? 200 * MS : 2 * MS);
        };
        Outcome o = run.until(SILENT_FROM + DEAD + 400 * MS, false);
        // whichever comes first after the stall, the answer (dropped as late) or the tick (which drops the suspicion)
        assertTrue(o.log().stream().anyMatch(l -> l.contains("verdict=late") || l.contains("pause-detected")), o.log().toString());
        assertEquals("deadtime", o.stage(), "the silence measured across the stall killed nobody: " + o.log());
        assertTrue(o.probes() >= 2, "asked again after the stall: " + o.log());
    }

    @Test
    void withTheDetectorOffNothingIsProbed() {
        Decider oneStage = new Decider(new DeciderSettings(B, Map.of(A, 100, B, 50), List.of("web"), List.of("mc"),
                INTERVAL, DEAD, 200 * MS, 100 * MS, false, 0, DEAD / 2, 30_000 * MS, false, 0, 1_000 * MS, 30_000 * MS));
        assertTrue(!oneStage.settings().twoStage());
        ClusterState s = oneStage.initial(Map.of(), 0);
        s = oneStage.apply(s, new Event.PeerBeacon(0, "mc", A, 1, 1, List.of(), List.of())).state();
        for (long t = 0; t <= DEAD + 50 * MS; t += 10 * MS) {
            Decider.Result r = oneStage.apply(s, new Event.Tick(t));
            s = r.state();
            assertTrue(r.actions().stream().noneMatch(a -> a instanceof Action.ProbePeer), r.actions().toString());
        }
        assertTrue(!s.peers().get(A).alive());
    }
}
