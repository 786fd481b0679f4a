package io.heartline.core.config;

import java.time.Duration;

/**
 * Heartbeat timing. {@code interval}: beacon period; {@code deadtime}: silence on every medium
 * after which a peer is dead; {@code warntime}: silence after which a late beacon is logged;
 * {@code initdead}: how long a starting node listens before it takes part; {@code
 * realtimePriority}: SCHED_RR priority (1-99) of the threads that send, receive and judge beacons,
 * or 0 to leave them at normal priority.
 */
public record TimingConfig(Duration interval, Duration deadtime, Duration warntime, Duration initdead,
                           int realtimePriority) {
    /** Timings at normal scheduling priority. */
    public TimingConfig(Duration interval, Duration deadtime, Duration warntime, Duration initdead) {
        this(interval, deadtime, warntime, initdead, 0);
    }
}
