package io.heartline.resources;

import io.heartline.core.config.VipConfig;
import io.heartline.takeover.AddressManager;
import io.heartline.takeover.Takeover;
import io.heartline.takeover.TakeoverException;
import java.time.Duration;
import java.util.List;

/**
 * A group's VIPs as its first resource: started first (address add plus gratuitous ARP), stopped
 * last, and monitored (every VIP still on its interface), so a VIP someone removed is restarted.
 */
public final class VipResource implements Resource {
    private volatile List<VipConfig> vips;
    private final Takeover takeover;
    private final AddressManager addresses;
    private final io.heartline.core.Clock clock;

    public VipResource(List<VipConfig> vips, Takeover takeover, AddressManager addresses, io.heartline.core.Clock clock) {
        this.vips = List.copyOf(vips);
        this.takeover = takeover;
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * A reload changed the group's VIPs. When the group runs here ({@code running}), the added ones
     * are claimed (address and gratuitous ARP) and the removed ones released. Returns what failed.
     */
    public List<String> update(List<VipConfig> next, boolean running) {
        List<VipConfig> added = next.stream().filter(v -> !vips.contains(v)).toList();
        List<VipConfig> removed = vips.stream().filter(v -> !next.contains(v)).toList();
        vips = List.copyOf(next);
        if (!running) {
            return List.of();
        }
        List<String> failed = new java.util.ArrayList<>();
        try {
            if (!added.isEmpty()) {
                takeover.claim(added);
            }
        } catch (TakeoverException e) {
            failed.add("claiming " + added + ": " + e.getMessage());
        }
        try {
            if (!removed.isEmpty()) {
                takeover.release(removed);
            }
        } catch (TakeoverException e) {
            failed.add("releasing " + removed + ": " + e.getMessage());
        }
        return failed;
    }

    @Override
    public String name() {
        return "vip";
    }

    @Override
    public String describe() {
        return "VIPs " + vips;
    }

    @Override
    public OperationResult start(Duration timeout) {
        long t0 = clock.monotonicNanos();
        try {
            takeover.claim(vips);
            return OperationResult.of(Operation.START, OcfStatus.SUCCESS, vips.size() + " VIP(s) up", took(t0));
        } catch (TakeoverException e) {
            return OperationResult.of(Operation.START, OcfStatus.ERR_GENERIC, e.getMessage(), took(t0));
        }
    }

    @Override
    public OperationResult stop(Duration timeout) {
        long t0 = clock.monotonicNanos();
        try {
            int removed = takeover.release(vips);
            return OperationResult.of(Operation.STOP, OcfStatus.SUCCESS, removed + " VIP(s) removed", took(t0));
        } catch (TakeoverException e) {
            return OperationResult.of(Operation.STOP, OcfStatus.ERR_GENERIC, e.getMessage(), took(t0));
        }
    }

    @Override
    public OperationResult monitor(Duration timeout) {
        long t0 = clock.monotonicNanos();
        try {
            for (VipConfig v : vips) {
                if (!addresses.isPresent(v)) {
                    return OperationResult.of(Operation.MONITOR, OcfStatus.NOT_RUNNING, v + " is not on " + v.iface(), took(t0));
                }
            }
            return OperationResult.of(Operation.MONITOR, OcfStatus.SUCCESS, "all VIPs present", took(t0));
        } catch (TakeoverException e) {
            return OperationResult.of(Operation.MONITOR, OcfStatus.ERR_GENERIC, e.getMessage(), took(t0));
        }
    }

    private Duration took(long t0) {
        return Duration.ofNanos(clock.monotonicNanos() - t0);
    }
}
