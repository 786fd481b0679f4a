package io.heartline.daemon.metrics;

import io.heartline.core.Clock;
import io.heartline.core.GroupState;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.membership.Action;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts what the decider journals, from the records the action runner hands on: the decider
 * itself stays pure and untouched. A takeover starts with the transition into {@code STARTING}
 * (the claim: epoch bumped and persisted) and ends with the transition out of it ({@code ACTIVE}:
 * ok; anything else: failed); the time between the two records, on the injected clock, is the
 * takeover's duration. Records arrive on the event loop's thread, right after the decider's step.
 *
 * <ul>
 *   <li>{@code heartline_takeovers_total{group,outcome}} ({@code ok}, {@code failed});</li>
 *   <li>{@code heartline_takeover_duration_seconds{group}}: a histogram from the claim to ACTIVE;</li>
 *   <li>{@code heartline_releases_total{group,outcome}}: RELEASING ended in STANDBY ({@code ok}) or FAULT
 *       ({@code failed});</li>
 *   <li>{@code heartline_fences_total{peer,outcome}} ({@code ok}, {@code failed}, {@code cancelled}): the
 *       decider's fence requests as they ended;</li>
 *   <li>{@code heartline_peer_deaths_total{peer,stage}}: peers declared dead, by what showed it ({@code deadtime}:
 *       silent for deadtime; {@code port-closed}, {@code no-kernel-answer}: confirmed by the two-stage detector's
 *       probes), and {@code heartline_beacons_late_total{peer}}: warntime exceeded;</li>
 *   <li>the two-stage detector: {@code heartline_peer_suspicions_total{peer}} (silent for suspect-after, probed),
 *       {@code heartline_peer_slow_total{peer}} (a probe found it alive but slow: kept until deadtime) and
 *       {@code heartline_peer_slow_silence_seconds{peer}} (a histogram of how long a slow peer was silent
 *       before it was heard again).</li>
 * </ul>
 *
 * Every series of the configured groups and peers exists from the start at 0, so
 * {@code increase()} sees the first event.
 */
public final class RecordMetrics implements MeterBinder, Consumer<Action.Record> {
    /** Histogram buckets: a default takeover is about deadtime plus resource starts. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};
    /** How long slow peers stay silent: from suspect-after (tens of ms) to deadtime (seconds). */
    private static final Duration[] SLOW_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};
    /** What showed a peer dead: the {@code stage} of a {@code peer-dead} record. */
    private static final String[] STAGES = {"deadtime", "port-closed", "no-kernel-answer"};
    private static final String STARTING = GroupState.STARTING.name();
    private static final String RELEASING = GroupState.RELEASING.name();

    private final HeartlineConfig config;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Long> claimedAt = new ConcurrentHashMap<>();
    private final Map<String, Timer> slowSilences = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    public RecordMetrics(HeartlineConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (GroupConfig g : config.groups()) {
            for (String outcome : new String[] {"ok", "failed"}) {
                counter("heartline.takeovers", "group", g.name(), "outcome", outcome);
                counter("heartline.releases", "group", g.name(), "outcome", outcome);
            }
            duration(g.name());
        }
        for (NodeConfig n : config.peers()) {
            for (String outcome : new String[] {"ok", "failed", "cancelled"}) {
                counter("heartline.fences", "peer", n.id().name(), "outcome", outcome);
            }
            for (String stage : STAGES) {
                counter("heartline.peer.deaths", "peer", n.id().name(), "stage", stage);
            }
            counter("heartline.beacons.late", "peer", n.id().name(), null, null);
            counter("heartline.peer.suspicions", "peer", n.id().name(), null, null);
            counter("heartline.peer.slow", "peer", n.id().name(), null, null);
            slowSilence(n.id().name());
        }
    }

    @Override
    public void accept(Action.Record r) {
        if (registry == null) {
            return;
        }
        switch (r.kind()) {
            case TRANSITION -> transition(r.group(), String.valueOf(r.fields().get("from")),
                    String.valueOf(r.fields().get("to")));
            case FENCE_OK -> peerCounter("heartline.fences", r, "outcome", "ok");
            case FENCE_FAILED -> peerCounter("heartline.fences", r, "outcome", "failed");
            case FENCE_CANCELLED -> peerCounter("heartline.fences", r, "outcome", "cancelled");
            case PEER_DEAD -> peerCounter("heartline.peer.deaths", r, "stage",
                    String.valueOf(r.fields().getOrDefault("stage", "deadtime")));
            case LATE_BEACON -> peerCounter("heartline.beacons.late", r);
            case PEER_SUSPECT -> peerCounter(r.fields().containsKey("verdict") ? "heartline.peer.slow" : "heartline.peer.suspicions",
                    r);
            case PEER_SLOW -> slow(r);
            case DUPLICATE_VIP -> counter("heartline.vip.duplicates", "group", String.valueOf(r.group()), "when",
                    Boolean.TRUE.equals(r.fields().get("before_claim")) ? "before_claim" : "holding").increment();
            case VIP_LINK_DOWN -> counter("heartline.vip.link.down", "group", String.valueOf(r.group()), null, null).increment();
            // counted by heartline.journal.records{kind} only:
            case TERM_ADVANCED, TWO_OWNERS, NO_QUORUM, RESOURCE_FAILED, MAINTENANCE, FAILOVER_REQUESTED, FAILOVER_DONE,
                 FAILOVER_FAILED, PEER_ALIVE, PEER_RESTARTED, LINK_DOWN, LINK_UP, MEDIUM_DOWN, MEDIUM_UP,
                 PARTITION, PARTITION_HEALED, PAUSE_DETECTED, ISOLATED, REJOINED, MEDIA_OPEN, FENCE_REQUESTED, FENCE_DELAYED, FENCED_PEER_BACK, STANDBY,
                 ONLINE, MAINTENANCE_ON, MAINTENANCE_OFF, SHUTDOWN, DAEMON_START, DAEMON_STOP, FENCING_OFF,
                 STALE_VIP_REMOVED, RESOURCE_OP, RESOURCE_STATE, VIPS_CHANGED, RELOAD, RELOAD_REFUSED, ALERT_DELIVERY,
                 ACTIONS_FAILED, CONTROL_COMMAND, REAL_SERVER_DOWN, REAL_SERVER_UP, SORRY_SERVER_IN, SORRY_SERVER_OUT,
                 IPVS_CHANGE, IPVS_CHANGE_FAILED -> {
            }
        }
        counter("heartline.journal.records", "kind", r.kind().wireName(), null, null).increment();
    }

    private void transition(String group, String from, String to) {
        if (group == null) {
            return;
        }
        if (to.equals(STARTING)) {
            claimedAt.put(group, clock.monotonicNanos());
        } else if (from.equals(STARTING)) {
            boolean ok = to.equals(GroupState.ACTIVE.name());
            counter("heartline.takeovers", "group", group, "outcome", ok ? "ok" : "failed").increment();
            Long t0 = claimedAt.remove(group);
            if (ok && t0 != null) {
                duration(group).record(clock.monotonicNanos() - t0, TimeUnit.NANOSECONDS);
            }
        } else if (from.equals(RELEASING)) {
            counter("heartline.releases", "group", group, "outcome", to.equals(GroupState.FAULT.name()) ? "failed" : "ok")
                    .increment();
        }
    }

    private void peerCounter(String name, Action.Record r) {
        peerCounter(name, r, null, null);
    }

    private void peerCounter(String name, Action.Record r, String key, String value) {
        Object peer = r.fields().get("peer");
        if (peer != null) {
            counter(name, "peer", peer.toString(), key, value).increment();
        }
    }

    /** A slow peer heard again: counted with how long it was silent. */
    private void slow(Action.Record r) {
        Object peer = r.fields().get("peer");
        if (peer != null && r.fields().get("silent_ms") instanceof Number silent) {
            slowSilence(peer.toString()).record(silent.longValue(), TimeUnit.MILLISECONDS);
        }
    }

    /** The counter {@code name{subjectKey=subject}}, and {@code key=value} when {@code key} is not null. */
    private Counter counter(String name, String subjectKey, String subject, String key, String value) {
        MeterRegistry reg = registry;
        return counters.computeIfAbsent(name + '\u0000' + subject + '\u0000' + key + '\u0000' + value, k -> {
            Counter.Builder b = Counter.builder(name).description(HELP.getOrDefault(name, name)).tag(subjectKey, subject);
            return (key == null ? b : b.tag(key, value)).register(reg);
        });
    }

    private Timer slowSilence(String peer) {
        MeterRegistry reg = registry;
        return slowSilences.computeIfAbsent(peer, p -> Timer.builder("heartline.peer.slow.silence")
                .description("Two-stage detector: how long a peer found slow (kernel answering, daemon silent) was silent"
                        + " before it was heard again")
                .tag("peer", p).serviceLevelObjectives(SLOW_BUCKETS).register(reg));
    }

    private Timer duration(String group) {
        MeterRegistry reg = registry;
        return durations.computeIfAbsent(group, g -> Timer.builder("heartline.takeover.duration")
                .description("From the claim (epoch persisted) to ACTIVE (every resource started)")
                .tag("group", g).serviceLevelObjectives(BUCKETS).register(reg));
    }

    private static final Map<String, String> HELP = Map.of(
            "heartline.takeovers", "Takeovers (claim to ACTIVE) by outcome",
            "heartline.releases", "Releases (RELEASING to STANDBY or FAULT) by outcome",
            "heartline.fences", "Fence requests of the decider by outcome",
            "heartline.peer.deaths", "Peers declared dead, by stage: silent for deadtime, or confirmed early by a probe",
            "heartline.beacons.late", "Peers silent for warntime (late beacons)",
            "heartline.vip.duplicates", "Another host answered for one of our VIPs (before a claim, or while holding it)",
            "heartline.vip.link.down", "A VIP's own interface went down here (the group moved away)",
            "heartline.peer.suspicions", "Two-stage detector: peers silent for suspect-after, and probed",
            "heartline.peer.slow", "Two-stage detector: probes that found a peer alive but slow (kept until deadtime)",
            "heartline.journal.records", "Decider records by kind (every decision is journaled and counted)");
}
