package io.heartline.takeover;

import io.heartline.core.Clock;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * {@link DaemonProbe} on UDP sockets with {@code IP_RECVERR} / {@code IPV6_RECVERR}: one socket
 * per family ({@link ErrQueueSocket}), opened at first use and kept for every later probe. A
 * probe drains the error queue (errors of earlier probes are stale), sends one
 * {@link DaemonProbeDatagram} with a fresh nonce, then waits with {@code ppoll} for at most the
 * time left and reads each error with {@code recvmsg(MSG_ERRQUEUE)}. An error counts only if its
 * quoted payload is our datagram with this probe's nonce; a port unreachable counts as
 * PORT_CLOSED only if the peer itself sent it. Every other error is dropped and counted as
 * ignored. No thread of its own, never longer than the timeout (plus the scheduler's wake-up).
 *
 * <p><b>Not thread-safe.</b> Call it from one dedicated thread (the detector's), never from the
 * event loop: a probe of an open port blocks for its whole timeout.
 */
public final class RecvErrDaemonProbe implements DaemonProbe {
    /** Errors read past the deadline at most (a flood must not hold the caller). */
    private static final int MAX_LATE = 64;

    private final Clock clock;
    private final Random random;
    private final byte[] nonce = new byte[DaemonProbeDatagram.NONCE_LENGTH];
    private final byte[] datagram = new byte[DaemonProbeDatagram.LENGTH];
    private ErrQueueSocket v4;
    private ErrQueueSocket v6;
    private boolean closed;

    /** Loads JNA (~150 ms cold): build this at start-up, not at a probe. */
    public RecvErrDaemonProbe(Clock clock) {
        this(clock, new SecureRandom());
    }

    RecvErrDaemonProbe(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
        LibC.load();
    }

    /** Opens the IPv4 and IPv6 sockets now, so that the first probe is quick. */
    public void warmUp() throws TakeoverException {
        socket(false);
        socket(true);
    }

    @Override
    public DaemonProbeResult probe(InetSocketAddress peer, Duration timeout) throws TakeoverException {
        if (closed) {
            throw new TakeoverException("cannot probe " + peer + ": prober is closed");
        }
        if (peer.isUnresolved() || peer.getAddress().isMulticastAddress() || peer.getAddress().isAnyLocalAddress()
                || peer.getPort() == 0 || timeout.isNegative()) {
            throw new IllegalArgumentException("cannot probe " + peer + " for " + timeout);
        }
        ErrQueueSocket socket = socket(peer.getAddress() instanceof Inet6Address);
        socket.drain();
        random.nextBytes(nonce);
        DaemonProbeDatagram.write(nonce, datagram);
        long sent = clock.monotonicNanos();
        int err = socket.send(datagram, datagram.length, SockAddrs.inet(peer));
        if (err < 0) {
            throw new TakeoverException("cannot probe " + peer.getAddress().getHostAddress() + " port "
                    + peer.getPort() + ": " + Errno.describe(-err));
        }
        long deadline = sent + timeout.toNanos();
        int ignored = 0;
        int late = 0;
        while (true) {
            // Past the deadline, errors already queued are still read, so a thread scheduled late sees them.
            long left = deadline - clock.monotonicNanos();
            boolean got = socket.receiveError(Math.max(left, 0));
            if (!got && left <= 0 || left <= 0 && ++late > MAX_LATE) {
                break;
            }
            if (!got) {
                continue; // interrupted: wait for the rest
            }
            Optional<SockExtendedErr> error = SockExtendedErr.fromControl(socket.control(), socket.controlLength());
            if (error.isEmpty() || !error.get().fromIcmp()
                    || !DaemonProbeDatagram.quotes(socket.data(), socket.dataLength(), nonce)) {
                ignored++;
                continue;
            }
            SockExtendedErr e = error.get();
            Duration after = Duration.ofNanos(clock.monotonicNanos() - sent);
            if (e.portUnreachable()) {
                if (!e.offender().equals(Optional.of(peer.getAddress()))) {
                    ignored++; // a port unreachable from someone else: not the peer's word
                    continue;
                }
                return result(peer, DaemonProbeResult.Outcome.PORT_CLOSED, e, after, sent, ignored);
            }
            return result(peer, DaemonProbeResult.Outcome.ICMP_ERROR, e, after, sent, ignored);
        }
        return new DaemonProbeResult(peer, DaemonProbeResult.Outcome.NO_ERROR, Optional.empty(), Optional.empty(),
                Duration.ofNanos(clock.monotonicNanos() - sent), ignored);
    }

    private DaemonProbeResult result(InetSocketAddress peer, DaemonProbeResult.Outcome outcome, SockExtendedErr error,
            Duration after, long sent, int ignored) {
        return new DaemonProbeResult(peer, outcome, Optional.of(error.toString()), Optional.of(after),
                Duration.ofNanos(clock.monotonicNanos() - sent), ignored);
    }

    private ErrQueueSocket socket(boolean ipv6) throws TakeoverException {
        if (ipv6) {
            if (v6 == null) {
                v6 = ErrQueueSocket.open(true);
            }
            return v6;
        }
        if (v4 == null) {
            v4 = ErrQueueSocket.open(false);
        }
        return v4;
    }

    /** Closes both sockets; later probes throw. Call it from the probing thread, or after it stopped. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (v4 != null) {
                v4.close();
            }
            if (v6 != null) {
                v6.close();
            }
        }
    }
}
