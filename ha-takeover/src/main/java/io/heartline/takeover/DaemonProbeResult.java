package io.heartline.takeover;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link DaemonProbe} saw.
 *
 * @param peer     the address and port probed
 * @param outcome  what came back
 * @param error    the ICMP error behind PORT_CLOSED or ICMP_ERROR; empty for NO_ERROR
 * @param answer   from the send to that error; empty for NO_ERROR
 * @param waited   from the send to the return of the call
 * @param ignored  errors read and dropped: not quoting our nonce, or a port unreachable from
 *                 another host than the peer (a forged or stale error)
 */
public record DaemonProbeResult(InetSocketAddress peer, Outcome outcome, Optional<String> error,
        Optional<Duration> answer, Duration waited, int ignored) {

    /** The three answers of a daemon check. */
    public enum Outcome {
        /** The peer's kernel says nothing listens on the port: the daemon is gone. */
        PORT_CLOSED,
        /** Nothing came back in time: open port or lost packet; not proven dead. */
        NO_ERROR,
        /** Another ICMP error quoting our probe (host or net unreachable): not a "daemon gone". */
        ICMP_ERROR
    }

    public DaemonProbeResult {
        Objects.requireNonNull(peer);
        Objects.requireNonNull(outcome);
        if ((outcome == Outcome.NO_ERROR) != answer.isEmpty() || answer.isEmpty() != error.isEmpty()) {
            throw new IllegalArgumentException("an error and its time go with PORT_CLOSED and ICMP_ERROR only");
        }
    }

    @Override
    public String toString() {
        String what = outcome + error.map(e -> " (" + e + ")").orElse("")
                + answer.map(d -> " after " + d.toNanos() / 1000 + " us").orElse("");
        return peer.getAddress().getHostAddress() + " port " + peer.getPort() + ": " + what + " (waited "
                + waited.toNanos() / 1000 + " us, ignored " + ignored + ")";
    }
}
