package io.heartline.membership;

import io.heartline.core.Backoff;
import io.heartline.core.NodeId;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.NodeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of the config the decider reads, in nanoseconds.
 *
 * @param media       the heartbeat media by name: a peer silent on some but not all is degraded
 * @param pauseNanos  a gap between two ticks longer than this means this node itself was stalled
 *                    (GC, frozen VM, SIGSTOP): silence during it is not held against peers
 * @param fencing     claim only after every silent peer is fenced
 * @param fenceDelayNanos this node's wait before fencing (0 on the preferred node)
 * @param fenceRetryNanos first retry after a failed fence, doubling up to {@code fenceRetryMaxNanos}
 * @param commandNanos how long a {@code hactl failover} may take before it is answered as failed
 * @param suspectNanos silence on every medium before a peer is SUSPECT and probed ({@link Detection});
 *                     {@code deadNanos} or more: one stage only
 * @param confirmNanos how long the probes of a suspect peer may take
 * @param pingNodes    ping nodes are configured ({@link Tiebreak})
 * @param witness      a witness is configured ({@link Witnessing})
 */
public record DeciderSettings(NodeId self, Map<NodeId, Integer> priorities, List<String> groups, List<String> media,
                              long intervalNanos, long deadNanos, long warnNanos, long initdeadNanos,
                              boolean failbackAuto, long failbackNanos, long pauseNanos, long commandNanos,
                              boolean fencing, long fenceDelayNanos, long fenceRetryNanos, long fenceRetryMaxNanos,
                              long suspectNanos, long confirmNanos, boolean pingNodes, boolean witness) {
    public DeciderSettings {
        priorities = java.util.Collections.unmodifiableMap(new TreeMap<>(priorities));
        groups = List.copyOf(groups);
        media = List.copyOf(media);
    }

    /** Settings without tie-breaks (no ping nodes, no witness). */
    public DeciderSettings(NodeId self, Map<NodeId, Integer> priorities, List<String> groups, List<String> media,
                           long intervalNanos, long deadNanos, long warnNanos, long initdeadNanos,
                           boolean failbackAuto, long failbackNanos, long pauseNanos, long commandNanos,
                           boolean fencing, long fenceDelayNanos, long fenceRetryNanos, long fenceRetryMaxNanos,
                           long suspectNanos, long confirmNanos) {
        this(self, priorities, groups, media, intervalNanos, deadNanos, warnNanos, initdeadNanos, failbackAuto,
                failbackNanos, pauseNanos, commandNanos, fencing, fenceDelayNanos, fenceRetryNanos, fenceRetryMaxNanos,
                suspectNanos, confirmNanos, false, false);
    }

    /** Settings with one-stage detection (a peer is dead after {@code deadNanos} of silence, no probes). */
    public DeciderSettings(NodeId self, Map<NodeId, Integer> priorities, List<String> groups, List<String> media,
                           long intervalNanos, long deadNanos, long warnNanos, long initdeadNanos,
                           boolean failbackAuto, long failbackNanos, long pauseNanos, long commandNanos,
                           boolean fencing, long fenceDelayNanos, long fenceRetryNanos, long fenceRetryMaxNanos) {
        this(self, priorities, groups, media, intervalNanos, deadNanos, warnNanos, initdeadNanos, failbackAuto,
                failbackNanos, pauseNanos, commandNanos, fencing, fenceDelayNanos, fenceRetryNanos, fenceRetryMaxNanos,
                deadNanos, 0, false, false);
    }

    /** Whether a silent peer is probed before its deadtime ({@link Detection}). */
    public boolean twoStage() {
        return suspectNanos < deadNanos;
    }

    public static DeciderSettings from(HeartlineConfig c) {
        Map<NodeId, Integer> prio = new TreeMap<>();
        for (NodeConfig n : c.nodes()) {
            prio.put(n.id(), n.priority());
        }
        long dead = c.timing().deadtime().toNanos();
        return new DeciderSettings(c.self(), prio, c.groups().stream().map(GroupConfig::name).toList(),
                c.media().stream().map(io.heartline.core.config.MediumConfig::name).toList(),
                c.timing().interval().toNanos(), dead, c.timing().warntime().toNanos(),
                c.timing().initdead().toNanos(), c.failback().auto(), c.failback().delay().toNanos(),
                dead / 2, Math.max(Duration.ofSeconds(30).toNanos(), 20 * dead),
                c.fencing().enabled(), c.fenceDelay().toNanos(), Duration.ofSeconds(1).toNanos(),
                Duration.ofSeconds(30).toNanos(), c.timing().suspectAfter().toNanos(),
                c.timing().confirmTimeout().toNanos(), c.ping().enabled(), c.witness().enabled());
    }

    /**
     * The wait before fence attempt {@code n + 1} after {@code n} failed: {@link #fenceRetryNanos}
     * doubling up to {@link #fenceRetryMaxNanos}. Until stopped on purpose: while a peer cannot be
     * fenced its groups stay down and every failure is journaled and alerted, so the retries end
     * when the fence works, the peer is heard again, or an operator steps in.
     */
    public Backoff fenceRetry() {
        return Backoff.exponential(Duration.ofNanos(fenceRetryNanos), 2.0, Duration.ofNanos(fenceRetryMaxNanos))
                .untilStopped();
    }

    public int clusterSize() {
        return priorities.size();
    }

    public int priority(String node) {
        return priorities.getOrDefault(new NodeId(node), -1);
    }

    /** Whether {@code a} is preferred over {@code b}: higher priority, then the smaller name. */
    public boolean prefers(String a, String b) {
        int pa = priority(a);
        int pb = priority(b);
        return pa != pb ? pa > pb : a.compareTo(b) < 0;
    }
}
