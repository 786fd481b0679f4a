package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import java.util.Map;

/**
 * Tick rules: pause detection, late beacons, dead peers, the end of initdead. A peer is dead
 * only when no valid beacon came on any medium for {@code deadtime}.
 */
final class Liveness {
    private Liveness() {
    }

    static void tick(Step s, DeciderSettings cfg) {
        long gap = s.lastTick == Long.MIN_VALUE ? 0 : s.at - s.lastTick;
        s.lastTick = s.at;
        if (gap > cfg.pauseNanos()) {
            // This node was stalled: beacons may be queued behind this tick. Do not convict peers of our own silence.
            for (Map.Entry<NodeId, PeerState> e : s.peers.entrySet()) {
                e.setValue(e.getValue().shifted(gap));
            }
            s.record("pause-detected", null, "event loop stalled for " + ms(gap) + " ms (GC, frozen VM or SIGSTOP); "
                    + "peers get a fresh grace period", "stalled_ms", ms(gap));
        }
        for (Map.Entry<NodeId, PeerState> e : s.peers.entrySet()) {
            PeerState p = e.getValue();
            if (!p.alive()) {
                continue;
            }
            long silence = s.at - p.lastHeard();
            if (silence >= cfg.deadNanos()) {
                e.setValue(p.dead());
                s.record("peer-dead", null, "no valid beacon on any medium for " + ms(silence) + " ms (deadtime "
                        + ms(cfg.deadNanos()) + " ms)", "peer", p.id().name(), "silent_ms", ms(silence));
            } else if (silence >= cfg.warnNanos() && !p.late()) {
                e.setValue(p.warnedLate());
                s.record("late-beacon", null, "no beacon for " + ms(silence) + " ms (warntime " + ms(cfg.warnNanos())
                        + " ms)", "peer", p.id().name(), "silent_ms", ms(silence));
            }
        }
    }

    /** INIT ends after initdead, or as soon as every peer has been heard. */
    static void endInit(Step s, DeciderSettings cfg) {
        boolean allHeard = s.peers.values().stream().allMatch(PeerState::alive);
        boolean over = s.at - s.startedAt >= cfg.initdeadNanos();
        if (!allHeard && !over) {
            return;
        }
        String cause = allHeard ? "every peer heard" : "initdead (" + ms(cfg.initdeadNanos()) + " ms) over";
        for (GroupView g : s.groups.values().stream().toList()) {
            if (g.state() == GroupState.INIT) {
                s.transition(g.name(), GroupInput.INIT_DONE, cause);
            }
        }
    }

    static long ms(long nanos) {
        return nanos / 1_000_000L;
    }
}
