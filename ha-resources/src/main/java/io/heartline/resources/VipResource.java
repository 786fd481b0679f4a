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
    private final io.heartline.takeover.VipGuard guard;
    private final Duration look;
    private final Sightings sightings;

    /** Where a host answering for one of our VIPs is reported ({@code beforeClaim}: the look before the claim). */
    public interface Sightings {
        void seen(VipConfig vip, io.heartline.takeover.VipGuard.Answerer who, boolean beforeClaim);
    }

    public VipResource(List<VipConfig> vips, Takeover takeover, AddressManager addresses, io.heartline.core.Clock clock) {
        this(vips, takeover, addresses, clock, null, Duration.ZERO, (v, w, b) -> { });
    }

    /**
     * With a {@code guard}: before a start, each VIP is looked for for {@code look} (0: no look); a
     * foreign host answering fails the start (the VIP is not claimed), a member's answer is reported
     * and the claim goes on (its daemon is dead, or the decider would not claim).
     */
    public VipResource(List<VipConfig> vips, Takeover takeover, AddressManager addresses, io.heartline.core.Clock clock,
                       io.heartline.takeover.VipGuard guard, Duration look, Sightings sightings) {
        this.vips = List.copyOf(vips);
        this.takeover = takeover;
        this.addresses = addresses;
        this.clock = clock;
        this.guard = guard;
        this.look = look;
        this.sightings = sightings;
    }

    /**
     * The duplicate watch: every VIP of this group that is up here is looked for for {@code wait};
     * each other host that answers is reported. Returns how many answered.
     */
    public int checkDuplicates(Duration wait) {
        if (guard == null) {
            return 0;
        }
        int seen = 0;
        for (VipConfig v : vips) {
            try {
                if (!addresses.isPresent(v)) {
                    continue;
                }
                for (io.heartline.takeover.VipGuard.Answerer who : guard.look(v, wait)) {
                    sightings.seen(v, who, false);
                    seen++;
                }
            } catch (TakeoverException | RuntimeException e) {
                // a probe that cannot be sent (interface down) sees nothing; the VIP monitor and interface tracking act on that
            }
        }
        return seen;
    }

    /**
     * The look before the claim: why not to claim (a foreign host answers), or null. A look that
     * cannot be made (the probe socket fails) does not stop the claim: it only loses the warning.
     */
    private String lookBeforeClaim() {
        if (guard == null || look.isZero()) {
            return null;
        }
        for (VipConfig v : vips) {
            try {
                for (io.heartline.takeover.VipGuard.Answerer who : guard.look(v, look)) {
                    sightings.seen(v, who, true);
                    if (who.foreign()) {
                        return "VIP " + v.cidr() + " in use by " + who + ": not claimed";
                    }
                }
            } catch (TakeoverException | RuntimeException e) {
                // no look: claim as without one
            }
        }
        return null;
    }

    /** Announces every VIP of the group again (both ARP forms) if it is up here. */
    public void reannounce() {
        List<VipConfig> up = new java.util.ArrayList<>();
        for (VipConfig v : vips) {
            try {
                if (addresses.isPresent(v)) {
                    up.add(v);
                }
            } catch (TakeoverException e) {
                // not known to be up: not announced
            }
        }
        takeover.reannounce(up);
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
            String foreign = lookBeforeClaim();
            if (foreign != null) {
                return OperationResult.of(Operation.START, OcfStatus.ERR_GENERIC, foreign, took(t0));
            }
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
