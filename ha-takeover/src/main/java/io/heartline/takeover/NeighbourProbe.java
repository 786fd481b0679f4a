package io.heartline.takeover;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Asks the hosts on a link who holds an address, and collects every MAC that answers within a
 * bounded time: ARP for IPv4, neighbour solicitation for IPv6. Two uses:
 * <ul>
 *   <li>{@link #probeVip}: before configuring a VIP, and every {@code duplicate-check} while
 *       holding it, is it in use, and by whom? (RFC 5227 probe / IPv6 DAD: the question
 *       teaches no neighbour anything, and waits the whole timeout to see duplicates);</li>
 *   <li>{@link #probeNode}: is a silent peer's kernel still there? (an ordinary request from
 *       our address, returning at the first answer).</li>
 * </ul>
 * Answers are not authenticated: a forged one can make a VIP look taken or a peer look alive,
 * never the reverse (docs/configuration.md, "Neighbour probes", says what callers must do with that).
 */
public interface NeighbourProbe extends AutoCloseable {
    /** Default wait for {@link #probeVip}: a holder's kernel answers in well under a millisecond. */
    Duration VIP_TIMEOUT = Duration.ofMillis(20);
    /** Default wait for {@link #probeNode}: the fast profile's confirm-timeout. */
    Duration NODE_TIMEOUT = Duration.ofMillis(5);

    /**
     * Who holds {@code vip} on {@code iface}: sends one RFC 5227 ARP probe (sender 0.0.0.0) or one
     * DAD neighbour solicitation (source ::), then collects answers until {@code timeout}.
     */
    ProbeResult probeVip(String iface, InetAddress vip, Duration timeout) throws TakeoverException;

    /**
     * Whether {@code peer}'s kernel answers on {@code iface}: sends one ordinary ARP request or
     * neighbour solicitation from {@code self} (our address on that link, same family), and
     * returns at the first answer or at {@code timeout}.
     */
    ProbeResult probeNode(String iface, InetAddress peer, InetAddress self, Duration timeout) throws TakeoverException;

    default ProbeResult probeVip(String iface, InetAddress vip) throws TakeoverException {
        return probeVip(iface, vip, VIP_TIMEOUT);
    }

    default ProbeResult probeNode(String iface, InetAddress peer, InetAddress self) throws TakeoverException {
        return probeNode(iface, peer, self, NODE_TIMEOUT);
    }

    /** Releases native resources (sockets). */
    @Override
    default void close() {
    }
}
