package io.heartline.takeover;

import io.heartline.core.Clock;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NeighbourProbe} on AF_PACKET sockets: per interface, one socket bound to ARP and one
 * to IPv6, each with a kernel filter ({@link ProbeFilter}), opened at first use (or by
 * {@link #warmUp}) and kept for every later probe. A probe drains what queued since the last
 * one, sends one frame, then waits on the socket with {@code ppoll} for at most the time
 * left: no thread of its own, and never longer than the timeout (plus the scheduler's wake-up).
 * Frames that answer something else are dropped as they come; the kernel caps each queue.
 *
 * <p><b>Not thread-safe.</b> Call it from one dedicated thread (the detector's or the VIP
 * watch's), never from the event loop: a VIP probe blocks for its whole timeout. A socket whose
 * interface disappears or fails to send is closed and reopened at the next probe.
 */
public final class RawSocketNeighbourProbe implements NeighbourProbe {
    private static final Logger log = LoggerFactory.getLogger(RawSocketNeighbourProbe.class);

    /** Frames read past the deadline at most (a flood must not hold the caller). */
    private static final int MAX_LATE = 64;

    private final Clock clock;
    private final Map<String, ProbeSocket> arp = new HashMap<>();
    private final Map<String, ProbeSocket> ndp = new HashMap<>();
    private boolean closed;

    /** Loads JNA (~150 ms cold): build this at start-up, not at a probe. */
    public RawSocketNeighbourProbe(Clock clock) {
        this.clock = clock;
        LibC.load();
    }

    /** Opens the ARP and IPv6 sockets of every interface now, so that the first probe is quick. */
    public void warmUp(Collection<String> ifaces) throws TakeoverException {
        for (String iface : ifaces) {
            ProbeSocket s = socket(iface, false);
            socket(iface, true);
            log.debug("neighbour probes ready on {} (MAC {})", iface, Macs.format(s.mac()));
        }
    }

    @Override
    public ProbeResult probeVip(String iface, InetAddress vip, Duration timeout) throws TakeoverException {
        return probe(iface, vip, null, timeout, false);
    }

    @Override
    public ProbeResult probeNode(String iface, InetAddress peer, InetAddress self, Duration timeout)
            throws TakeoverException {
        if (self == null || self.isAnyLocalAddress() || self.getClass() != peer.getClass()) {
            throw new IllegalArgumentException("a node check needs our own " + peer.getClass().getSimpleName()
                    + " address on " + iface + ", not " + self);
        }
        return probe(iface, peer, self, timeout, true);
    }

    private ProbeResult probe(String iface, InetAddress target, InetAddress self, Duration timeout, boolean firstSuffices)
            throws TakeoverException {
        if (closed) {
            throw new TakeoverException("cannot probe " + target.getHostAddress() + ": prober is closed");
        }
        if (target.isMulticastAddress() || target.isAnyLocalAddress() || timeout.isNegative()) {
            throw new IllegalArgumentException("cannot probe " + target + " for " + timeout);
        }
        boolean v6 = target instanceof Inet6Address;
        ProbeSocket socket = socket(iface, v6);
        byte[] mac = socket.mac();
        byte[] frame;
        byte[] dest;
        int ethertype;
        if (v6) {
            Inet6Address t = (Inet6Address) target;
            frame = self == null ? NdpProbeFrame.dad(mac, t) : NdpProbeFrame.solicitation(mac, (Inet6Address) self, t);
            dest = NdpProbeFrame.solicitedNodeMac(t);
            ethertype = NdpProbeFrame.ETHERTYPE_IPV6;
        } else {
            Inet4Address t = (Inet4Address) target;
            frame = self == null ? ArpProbeFrame.probe(mac, t) : ArpProbeFrame.request(mac, (Inet4Address) self, t);
            dest = ArpProbeFrame.BROADCAST;
            ethertype = ArpProbeFrame.ETHERTYPE_ARP;
        }
        socket.drain();
        long sent = clock.monotonicNanos();
        int err = socket.send(frame, ethertype, dest);
        if (err < 0) {
            forget(iface, v6);
            String reason = -err == Errno.ENETDOWN ? "interface is down (ENETDOWN)" : Errno.describe(-err);
            throw new TakeoverException("cannot probe " + target.getHostAddress() + " on " + iface + ": " + reason);
        }
        long deadline = sent + timeout.toNanos();
        Set<String> macs = new LinkedHashSet<>();
        long first = -1;
        int ignored = 0;
        int late = 0;
        while (true) {
            // Past the deadline, frames already queued are still read (receive(0) does not wait), so a
            // thread scheduled late still sees the answers waiting for it; firstAnswer then shows it.
            long left = deadline - clock.monotonicNanos();
            int n = socket.receive(Math.max(left, 0));
            if (n < 0 && left <= 0 || left <= 0 && ++late > MAX_LATE) {
                break;
            }
            if (n < 0) {
                continue; // interrupted: wait for the rest
            }
            Optional<String> answerer = v6
                    ? NdpProbeFrame.answerer(socket.frame(), n, (Inet6Address) target, mac)
                    : ArpProbeFrame.answerer(socket.frame(), n, (Inet4Address) target, mac);
            if (answerer.isEmpty()) {
                ignored++;
                continue;
            }
            if (first < 0) {
                first = clock.monotonicNanos() - sent;
            }
            macs.add(answerer.get());
            if (firstSuffices) {
                break;
            }
        }
        Duration waited = Duration.ofNanos(clock.monotonicNanos() - sent);
        return new ProbeResult(target, iface, macs.stream().toList(),
                first < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(first)), waited, ignored);
    }

    private ProbeSocket socket(String iface, boolean v6) throws TakeoverException {
        Map<String, ProbeSocket> sockets = v6 ? ndp : arp;
        ProbeSocket s = sockets.get(iface);
        if (s != null && !s.current()) {
            log.info("interface {} was recreated: reopening its probe socket", iface);
            forget(iface, v6);
            s = null;
        }
        if (s == null) {
            s = v6 ? ProbeSocket.open(iface, NdpProbeFrame.ETHERTYPE_IPV6, ProbeFilter.neighbourAdvertisements())
                    : ProbeSocket.open(iface, ArpProbeFrame.ETHERTYPE_ARP, ProbeFilter.arp());
            sockets.put(iface, s);
        }
        return s;
    }

    private void forget(String iface, boolean v6) {
        ProbeSocket s = (v6 ? ndp : arp).remove(iface);
        if (s != null) {
            s.close();
        }
    }

    /** Closes every socket; later probes throw. Call it from the probing thread, or after it stopped. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arp.values().forEach(ProbeSocket::close);
            ndp.values().forEach(ProbeSocket::close);
            arp.clear();
            ndp.clear();
        }
    }
}
