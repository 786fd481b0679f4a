package io.heartline.core.config;

import java.time.Duration;

/**
 * Gratuitous ARP on claim: a burst of {@code count} frames {@code spacing} apart, and a second
 * burst {@code repeatAfter} later (0 = none) for switches and clients that missed the first.
 * Duplicate VIPs (docs/stale-vips.md): before a claim this node asks who answers for each VIP and
 * waits {@code lookBeforeClaim} (0 = no look); while it holds a VIP it asks again every
 * {@code duplicateCheck} (0 = never); {@code refresh} re-announces held VIPs periodically (0 = off,
 * keepalived's {@code vrrp_garp_master_refresh}).
 */
public record GarpConfig(int count, Duration spacing, Duration repeatAfter, Duration lookBeforeClaim,
                         Duration duplicateCheck, Duration refresh) {
    public static final Duration DEFAULT_LOOK = Duration.ofMillis(5);
    public static final Duration DEFAULT_DUPLICATE_CHECK = Duration.ofSeconds(1);

    /** Bursts only: the default look and duplicate check, no refresh. */
    public GarpConfig(int count, Duration spacing, Duration repeatAfter) {
        this(count, spacing, repeatAfter, DEFAULT_LOOK, DEFAULT_DUPLICATE_CHECK, Duration.ZERO);
    }
}
