package io.heartline.takeover;

import io.heartline.core.config.GarpConfig;
import io.heartline.core.config.VipConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims and releases VIPs for the daemon: addresses through an {@link AddressManager},
 * announcements through a {@link GarpSender}. It owns no threads: the first frame of each
 * VIP goes out on the caller's thread, the rest of the burst ({@code count} frames
 * {@code spacing} apart) and the repeat burst ({@code repeatAfter} later, none if zero) run on
 * the injected executor.
 *
 * <pre>
 * claim:   add all ──▶ frame 1 of every VIP ──▶ frames 2..count ──(repeatAfter)──▶ count more
 * release: cancel pending frames ──▶ remove all
 * </pre>
 *
 * An announcement that cannot be sent is logged and counted but never fails a claim: the
 * address is up, and the next frame may well go out.
 */
public final class Takeover {
    private static final Logger log = LoggerFactory.getLogger(Takeover.class);

    private final AddressManager addresses;
    private final GarpSender garp;
    private final GarpConfig config;
    private final ScheduledExecutorService executor;
    private final Map<VipConfig, GarpBurst> bursts = new ConcurrentHashMap<>();
    private final AtomicLong garpSent = new AtomicLong();
    private final AtomicLong garpFailures = new AtomicLong();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong removed = new AtomicLong();

    public Takeover(AddressManager addresses, GarpSender garp, GarpConfig config, ScheduledExecutorService executor) {
        if (config.count() < 0 || config.spacing().isNegative() || config.repeatAfter().isNegative()) {
            throw new IllegalArgumentException("invalid gratuitous ARP settings: " + config);
        }
        this.addresses = addresses;
        this.garp = garp;
        this.config = config;
        this.executor = executor;
    }

    /**
     * Adds every address, then announces the ones that are up. All are tried even when one
     * fails; the exception then names every VIP that could not be added.
     */
    public void claim(List<VipConfig> vips) throws TakeoverException {
        List<VipConfig> up = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (VipConfig vip : vips) {
            try {
                addresses.add(vip);
                added.incrementAndGet();
                up.add(vip);
                log.info("VIP {} is up", vip);
            } catch (TakeoverException e) {
                log.error("claim: {}", e.getMessage());
                failures.add(e.getMessage());
            }
        }
        List<GarpBurst> started = new ArrayList<>();
        for (VipConfig vip : up) {
            GarpBurst burst = startBurst(vip);
            if (config.count() > 0) {
                burst.fire(() -> announce(vip));
            }
            started.add(burst);
        }
        for (int i = 0; i < up.size(); i++) {
            scheduleRest(up.get(i), started.get(i));
        }
        if (!failures.isEmpty()) {
            throw new TakeoverException("claim failed for " + failures.size() + " of " + vips.size()
                    + " VIPs: " + String.join("; ", failures));
        }
    }

    /**
     * Cancels pending announcements of these VIPs, then removes their addresses; all are tried
     * even when one fails. Returns how many were there and were removed.
     */
    public int release(List<VipConfig> vips) throws TakeoverException {
        for (VipConfig vip : vips) {
            cancelBurst(vip);
        }
        int count = 0;
        List<String> failures = new ArrayList<>();
        for (VipConfig vip : vips) {
            try {
                if (addresses.remove(vip)) {
                    count++;
                    removed.incrementAndGet();
                    log.info("VIP {} released", vip);
                } else {
                    log.info("VIP {} was not configured: nothing to release", vip);
                }
            } catch (TakeoverException e) {
                log.error("release: {}", e.getMessage());
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new TakeoverException("release failed for " + failures.size() + " of " + vips.size()
                    + " VIPs: " + String.join("; ", failures));
        }
        return count;
    }

    /**
     * At start-up: removes any of these addresses still configured (a crashed daemon leaves its
     * VIPs behind) and returns the ones removed. All are tried; a failure is thrown at the end.
     */
    public List<VipConfig> removeStale(List<VipConfig> vips) throws TakeoverException {
        List<VipConfig> gone = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (VipConfig vip : vips) {
            try {
                if (addresses.remove(vip)) {
                    gone.add(vip);
                    removed.incrementAndGet();
                    log.warn("removed stale VIP {} left behind by an earlier run", vip);
                }
            } catch (TakeoverException e) {
                log.error("stale VIP check: {}", e.getMessage());
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new TakeoverException("could not remove stale VIPs (removed " + gone + "): "
                    + String.join("; ", failures));
        }
        return gone;
    }

    /**
     * Announces these VIPs again, both forms, in a burst like a claim's (without its repeat): after
     * a duplicate was seen, or as the periodic refresh, so that clients and switches stay on this
     * node. Addresses are not touched. Returns at once; the rest of the burst runs on the executor.
     */
    public void reannounce(List<VipConfig> vips) {
        for (VipConfig vip : vips) {
            GarpBurst burst = startBurst(vip);
            burst.fire(() -> announceBoth(vip));
            for (int i = 1; i < Math.max(1, config.count()); i++) {
                try {
                    burst.track(executor.schedule(() -> burst.fire(() -> announceBoth(vip)),
                            config.spacing().multipliedBy(i).toNanos(), TimeUnit.NANOSECONDS));
                } catch (RejectedExecutionException e) {
                    garpFailures.incrementAndGet();
                }
            }
        }
    }

    private void announceBoth(VipConfig vip) {
        try {
            garp.sendBoth(vip);
            garpSent.incrementAndGet();
        } catch (TakeoverException | RuntimeException e) {
            garpFailures.incrementAndGet();
            log.warn("re-announcement failed (address stays up): {}", e.getMessage());
        }
    }

    public TakeoverStats stats() {
        return new TakeoverStats(garpSent.get(), garpFailures.get(), added.get(), removed.get());
    }

    private GarpBurst startBurst(VipConfig vip) {
        GarpBurst burst = new GarpBurst();
        GarpBurst previous = bursts.put(vip, burst);
        if (previous != null) {
            previous.cancel();
        }
        return burst;
    }

    private void cancelBurst(VipConfig vip) {
        GarpBurst burst = bursts.remove(vip);
        if (burst != null) {
            burst.cancel();
        }
    }

    private void scheduleRest(VipConfig vip, GarpBurst burst) {
        for (int i = 1; i < config.count(); i++) {
            schedule(vip, burst, config.spacing().multipliedBy(i));
        }
        if (!config.repeatAfter().isZero()) {
            for (int i = 0; i < config.count(); i++) {
                schedule(vip, burst, config.repeatAfter().plus(config.spacing().multipliedBy(i)));
            }
        }
    }

    private void schedule(VipConfig vip, GarpBurst burst, Duration delay) {
        try {
            burst.track(executor.schedule(() -> burst.fire(() -> announce(vip)), delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            garpFailures.incrementAndGet();
            log.warn("cannot schedule an announcement of {} (address stays up): executor rejected it", vip);
        }
    }

    private void announce(VipConfig vip) {
        try {
            garp.send(vip);
            garpSent.incrementAndGet();
        } catch (TakeoverException | RuntimeException e) {
            garpFailures.incrementAndGet();
            log.warn("announcement failed (address stays up): {}", e.getMessage());
        }
    }
}
