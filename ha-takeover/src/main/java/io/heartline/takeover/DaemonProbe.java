package io.heartline.takeover;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The two-stage detector's daemon check: is a silent peer's daemon still there? Sends one UDP
 * datagram with a fresh nonce to the peer's probe port ({@link DaemonProbeListener} holds it
 * open while the daemon lives) and waits, at most a timeout, for the ICMP error that a closed
 * port makes the peer's kernel send back.
 * <ul>
 *   <li>{@link DaemonProbeResult.Outcome#PORT_CLOSED}: a port unreachable from the peer that quotes
 *       our nonce: the daemon is gone (its process died and the kernel closed its socket);</li>
 *   <li>{@link DaemonProbeResult.Outcome#NO_ERROR}: nothing came back: the port is open, or the
 *       probe or its answer was lost. Not proof of anything: "not proven dead";</li>
 *   <li>{@link DaemonProbeResult.Outcome#ICMP_ERROR}: another error quoting our nonce (host or net
 *       unreachable...): reported, but it does not say the daemon is gone.</li>
 * </ul>
 * ICMP errors are not authenticated: one that does not quote the nonce never counts, and even one
 * that does may only confirm a death while the peer is already silent on every medium
 * (docs/configuration.md, "Daemon probes").
 */
public interface DaemonProbe extends AutoCloseable {
    /** Default wait: the fast profile's confirm-timeout. */
    Duration TIMEOUT = Duration.ofMillis(5);

    /** Probes {@code peer} (its address and probe port) and waits at most {@code timeout}. */
    DaemonProbeResult probe(InetSocketAddress peer, Duration timeout) throws TakeoverException;

    default DaemonProbeResult probe(InetSocketAddress peer) throws TakeoverException {
        return probe(peer, TIMEOUT);
    }

    /** Releases native resources (sockets). */
    @Override
    default void close() {
    }
}
