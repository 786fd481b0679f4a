package io.heartline.core.config;

import java.time.Duration;

/**
 * Gratuitous ARP on claim: a burst of {@code count} frames {@code spacing} apart, and a second
 * burst {@code repeatAfter} later (0 = none) for switches and clients that missed the first.
 */
public record GarpConfig(int count, Duration spacing, Duration repeatAfter) {
}
