package io.heartline.resources;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link GroupManager} runs one resource: the timeout of each operation, the recurring
 * monitor's interval (zero: no recurring monitor) and timeout, and what to do when it fails.
 */
public record ResourcePolicy(Duration startTimeout, Duration stopTimeout, Duration monitorInterval,
                             Duration monitorTimeout, OnFail onFail) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofSeconds(10);

    public ResourcePolicy {
        positive("start timeout", startTimeout);
        positive("stop timeout", stopTimeout);
        positive("monitor timeout", monitorTimeout);
        Objects.requireNonNull(monitorInterval, "monitorInterval");
        if (monitorInterval.isNegative()) {
            throw new IllegalArgumentException("monitor interval must not be negative: " + monitorInterval);
        }
        Objects.requireNonNull(onFail, "onFail");
    }

    /** 20 s timeouts, a monitor every 10 s, {@link OnFail#defaults()}. */
    public static ResourcePolicy defaults() {
        return new ResourcePolicy(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MONITOR_INTERVAL, DEFAULT_TIMEOUT, OnFail.defaults());
    }

    public boolean monitored() {
        return !monitorInterval.isZero();
    }

    public ResourcePolicy withMonitor(Duration interval, Duration timeout) {
        return new ResourcePolicy(startTimeout, stopTimeout, interval, timeout, onFail);
    }

    public ResourcePolicy withOnFail(OnFail f) {
        return new ResourcePolicy(startTimeout, stopTimeout, monitorInterval, monitorTimeout, f);
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
