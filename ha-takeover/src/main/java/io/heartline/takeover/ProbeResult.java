package io.heartline.takeover;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link NeighbourProbe} saw for one address on one interface.
 *
 * @param target      the address asked for
 * @param iface       the interface asked on
 * @param macs        every distinct MAC that answered, first answer first (two or more: duplicate)
 * @param firstAnswer from the send to the first answer, if any answered
 * @param waited      from the send to the return of the call
 * @param ignored     frames received and dropped as no answer for this target
 */
public record ProbeResult(InetAddress target, String iface, List<String> macs, Optional<Duration> firstAnswer,
        Duration waited, int ignored) {

    public ProbeResult {
        Objects.requireNonNull(target);
        macs = List.copyOf(macs);
        if (macs.isEmpty() != firstAnswer.isEmpty()) {
            throw new IllegalArgumentException("answering MACs and the first answer's time go together");
        }
    }

    /** Whether any host answered. */
    public boolean answered() {
        return !macs.isEmpty();
    }

    /** Whether two or more MACs answered for the same address. */
    public boolean duplicate() {
        return macs.size() > 1;
    }

    /** Whether a MAC other than {@code mac} (e.g. a member's) answered. */
    public boolean answeredByOtherThan(String mac) {
        return macs.stream().anyMatch(m -> !m.equalsIgnoreCase(mac));
    }

    @Override
    public String toString() {
        String who = macs.isEmpty() ? "no answer" : "answered by " + String.join(", ", macs)
                + " first after " + micros(firstAnswer.orElseThrow()) + " us";
        return target.getHostAddress() + " on " + iface + ": " + who + " (waited " + micros(waited) + " us)";
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
