package io.heartline.core.config;

import java.time.Duration;

/**
 * Heartbeat timing. {@code interval}: beacon period; {@code deadtime}: silence on every medium
 * after which a peer is dead; {@code warntime}: silence after which a late beacon is logged;
 * {@code initdead}: how long a starting node listens before it takes part; {@code
 * realtimePriority}: SCHED_RR priority (1-99) of the threads that send, receive and judge beacons,
 * or 0 to leave them at normal priority.
 *
 * <p>The two-stage detector (docs/detection.md): a peer silent on every medium for {@code
 * suspectAfter} is SUSPECT and asked, within {@code confirmTimeout}, whether its kernel still
 * answers ARP/NS and whether its daemon's {@code probePort} is still open; a confirmed death
 * comes at once, a peer that is only slow stays alive until {@code deadtime}. A {@code
 * suspectAfter} of {@code deadtime} or more turns the detector off (one stage, as before).
 */
public record TimingConfig(Duration interval, Duration deadtime, Duration warntime, Duration initdead,
                           int realtimePriority, Duration suspectAfter, Duration confirmTimeout, int probePort) {
    /** The daemon probe port when none is configured. */
    public static final int DEFAULT_PROBE_PORT = 5407;

    /** Timings with the detector's defaults ({@link #defaultSuspectAfter}, 20 ms, {@value #DEFAULT_PROBE_PORT}). */
    public TimingConfig(Duration interval, Duration deadtime, Duration warntime, Duration initdead,
                        int realtimePriority) {
        this(interval, deadtime, warntime, initdead, realtimePriority, defaultSuspectAfter(interval),
                Duration.ofMillis(20), DEFAULT_PROBE_PORT);
    }

    /** Timings at normal scheduling priority. */
    public TimingConfig(Duration interval, Duration deadtime, Duration warntime, Duration initdead) {
        this(interval, deadtime, warntime, initdead, 0);
    }

    /** Three beacon periods: two lost beacons in a row are not yet a suspicion. */
    public static Duration defaultSuspectAfter(Duration interval) {
        return interval.multipliedBy(3);
    }

    /** Whether the two-stage detector is on: suspicion comes before the deadtime. */
    public boolean twoStage() {
        return suspectAfter.compareTo(deadtime) < 0;
    }
}
