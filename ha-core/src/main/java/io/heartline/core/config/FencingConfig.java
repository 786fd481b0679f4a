package io.heartline.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Fencing: off (written out explicitly, and warned about at every start), or fence devices (each
 * a section checked by the fencing module). {@code delay}: how long every node but the most
 * preferred waits before fencing, so that on a partition exactly one side wins. {@code timeout}:
 * the budget of one fence request (off plus the status that confirms it).
 */
public record FencingConfig(boolean enabled, Duration delay, Duration timeout, List<SectionConfig> devices) {
    public static final FencingConfig OFF = new FencingConfig(false, Duration.ZERO, Duration.ZERO, List.of());

    public FencingConfig {
        devices = List.copyOf(devices);
    }
}
