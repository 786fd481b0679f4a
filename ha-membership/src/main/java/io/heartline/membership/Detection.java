package io.heartline.membership;

import io.heartline.core.journal.RecordKind;

/**
 * The two-stage failure detector (docs/detection.md). Stage 1: a live peer silent on every medium
 * for {@code suspect-after} becomes SUSPECT and is probed ({@link Action.ProbePeer}). Stage 2, its
 * {@link Event.ProbeAnswer}:
 * <ul>
 *   <li>its daemon's probe port is closed (an ICMP error quoting the prober's nonce): the daemon is
 *       gone, DEAD now (DEAD_PORT_CLOSED);</li>
 *   <li>no kernel answered ARP/NS on any Ethernet medium: the node or every link to it is gone, DEAD
 *       now (DEAD_NO_KERNEL);</li>
 *   <li>its kernel answers and the port is open: alive but slow (GC, starved CPU, SIGSTOP), asked
 *       again every interval ({@link #reprobeNanos}), dead only at deadtime ({@link Liveness});</li>
 *   <li>heard again on any medium: ALIVE (a slow peer's silence is journaled as "peer slow").</li>
 * </ul>
 * Kernel answers are not authenticated, so they can only keep a peer alive until its deadtime; a
 * port-closed answer counts only for the current round (the prober checked its nonce) and only
 * while the peer is silent on every medium. A "kernel silent" answer that comes much later than
 * the confirm-timeout was measured across a stall of this process and is asked again
 * ({@link #lateMargin}). The detector only says when a peer is dead: fencing,
 * quorum and the ownership rules that follow are the same as after a deadtime.
 */
final class Detection {
    private Detection() {
    }

    /** Stage 1, from {@link Liveness#tick}: suspect a silent peer, or ask a slow one again. */
    static PeerState tick(Step s, DeciderSettings cfg, PeerState p) {
        if (!cfg.twoStage()) {
            return p;
        }
        long silence = s.at - p.lastHeard();
        Suspicion sus = p.suspicion();
        if (sus == null) {
            if (silence < cfg.suspectNanos()) {
                return p;
            }
            s.record(RecordKind.PEER_SUSPECT, null, "silent on every medium for " + Liveness.ms(silence)
                    + " ms (suspect-after " + Liveness.ms(cfg.suspectNanos()) + " ms): asking its kernel and its daemon's port",
                    "peer", p.id().name(), "silent_ms", Liveness.ms(silence));
            s.act(new Action.ProbePeer(p.id(), s.at, cfg.confirmNanos()));
            return p.withSuspicion(Suspicion.probing(s.at));
        }
        if (s.at >= nextRound(cfg, sus)) { // a slow peer may die while slow; an unasked kernel may be asked now
            s.act(new Action.ProbePeer(p.id(), s.at, cfg.confirmNanos()));
            return p.withSuspicion(sus.reprobed(s.at));
        }
        return p;
    }

    /**
     * How many times its confirm-timeout plus the {@link #lateMargin} a round may go unanswered before
     * it is asked again: an answer late from a busy prober still counts, a lost one is replaced.
     */
    private static final int OVERDUE = 4;

    /**
     * When a suspect peer is asked again: {@link #reprobeNanos} after a round that was answered
     * without a verdict (slow, or its kernel could not be asked), or once a round's answer is overdue
     * (a lost answer must not leave the peer unprobed until deadtime).
     */
    static long nextRound(DeciderSettings cfg, Suspicion sus) {
        long after = sus.awaiting() ? Math.max(reprobeNanos(cfg), OVERDUE * (cfg.confirmNanos() + lateMargin(cfg)))
                : reprobeNanos(cfg);
        return sus.round() + after;
    }

    /** When stage 1 next needs a tick for {@code p}: its suspicion, or its next probe round ({@link #nextRound}). */
    static long nextTick(DeciderSettings cfg, PeerState p, long next) {
        if (!cfg.twoStage() || !p.alive()) {
            return next;
        }
        Suspicion sus = p.suspicion();
        if (sus == null) {
            return Math.min(next, p.lastHeard() + cfg.suspectNanos());
        }
        return Math.min(next, nextRound(cfg, sus));
    }

    /**
     * How often a slow peer is asked again: every beacon interval, and not before two confirm
     * timeouts. Soon, because a daemon killed just before the first probe may still hold its port
     * open while the kernel tears the process down (a big JVM takes tens of ms).
     */
    static long reprobeNanos(DeciderSettings cfg) {
        return Math.max(2 * cfg.confirmNanos(), cfg.intervalNanos());
    }

    /** Stage 2: a probe's answer. */
    static void answer(Step s, DeciderSettings cfg, Event.ProbeAnswer a) {
        PeerState p = s.peers.get(a.peer());
        if (p == null || !p.alive() || p.suspicion() == null || p.suspicion().round() != a.round()) {
            return; // heard again, already dead, or an answer to an older round: nothing to learn
        }
        long silence = s.at - p.lastHeard();
        String peer = p.id().name();
        if (a.port() == Event.Port.CLOSED) { // DEAD_PORT_CLOSED
            dead(s, p, "its daemon is gone: the probe port is closed (" + a.detail() + ") after " + Liveness.ms(silence)
                    + " ms of silence on every medium", "port-closed", silence);
        } else if (a.kernel() == Event.Kernel.SILENT && s.at - a.round() > cfg.confirmNanos() + lateMargin(cfg)) {
            // the round took far longer than it may: this process (and the prober's wait) was
            // stalled, and an answer may sit unread in its socket; silence it could not hear proves nothing
            s.record(RecordKind.PEER_SUSPECT, null, "the probe's answer came " + Liveness.ms(s.at - a.round())
                    + " ms after it was asked (confirm-timeout " + Liveness.ms(cfg.confirmNanos())
                    + " ms): a kernel silence measured across our own stall does not count; asking again",
                    "peer", peer, "silent_ms", Liveness.ms(silence), "verdict", "late");
            s.act(new Action.ProbePeer(p.id(), s.at, cfg.confirmNanos()));
            s.peers.put(p.id(), p.withSuspicion(p.suspicion().reprobed(s.at)));
        } else if (a.kernel() == Event.Kernel.SILENT) { // DEAD_NO_KERNEL
            dead(s, p, "its kernel does not answer on any medium (" + a.detail() + ") after " + Liveness.ms(silence)
                    + " ms of silence: the node or every link to it is gone", "no-kernel-answer", silence);
        } else {
            boolean slow = a.kernel() == Event.Kernel.ANSWERED;
            if (slow && !p.suspicion().slow()) {
                s.record(RecordKind.PEER_SUSPECT, null, "its kernel answers and its daemon's port is open (" + a.detail()
                        + "): alive but slow, dead only at deadtime (" + Liveness.ms(cfg.deadNanos()) + " ms)",
                        "peer", peer, "silent_ms", Liveness.ms(silence), "verdict", "slow");
            } else if (!slow && !p.suspicion().slow() && p.suspicion().answers() == 0) {
                s.record(RecordKind.PEER_SUSPECT, null, "no verdict: its kernel could not be asked (" + a.detail()
                        + "); asking again every " + Liveness.ms(reprobeNanos(cfg)) + " ms, dead at deadtime ("
                        + Liveness.ms(cfg.deadNanos()) + " ms) unless a probe confirms it earlier",
                        "peer", peer, "silent_ms", Liveness.ms(silence), "verdict", "unknown");
            }
            s.peers.put(p.id(), p.withSuspicion(p.suspicion().answered(slow)));
        }
    }

    /**
     * How much later than its confirm-timeout a "kernel silent" answer may come and still count:
     * the prober's queue and the hand-off to this thread, never a stall of this process.
     */
    static long lateMargin(DeciderSettings cfg) {
        return Math.max(cfg.confirmNanos(), 10_000_000L);
    }

    /** A peer heard again after {@code before}: a slow one's silence is journaled ("peer slow for N ms"). */
    static void heardAgain(Step s, PeerState before, String medium) {
        Suspicion sus = before.suspicion();
        if (before.alive() && sus != null && sus.slow()) {
            long silent = s.at - before.lastHeard();
            s.record(RecordKind.PEER_SLOW, null, "peer slow for " + Liveness.ms(silent) + " ms: its kernel answered while its"
                    + " daemon was silent; heard again on " + medium, "peer", before.id().name(), "silent_ms",
                    Liveness.ms(silent));
        }
    }

    private static void dead(Step s, PeerState p, String cause, String stage, long silence) {
        s.peers.put(p.id(), p.dead());
        if (stage.equals("port-closed")) {
            s.tiebreak = s.tiebreak.withCrashed(p.id(), true); // no partition: Tiebreak, Witnessing
        }
        Liveness.peerDead(s, p, cause, stage, silence);
    }
}
