package io.heartline.core.config;

import java.time.Duration;

/**
 * Heartbeat timing. {@code interval}: beacon period; {@code deadtime}: silence on every medium
 * after which a peer is dead; {@code warntime}: silence after which a late beacon is logged;
 * {@code initdead}: how long a starting node listens before it takes part.
 */
public record TimingConfig(Duration interval, Duration deadtime, Duration warntime, Duration initdead) {
}
