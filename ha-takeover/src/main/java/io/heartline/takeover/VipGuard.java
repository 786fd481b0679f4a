package io.heartline.takeover;

import io.heartline.core.config.VipConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who else answers for a VIP (look before claiming, watch while holding): an RFC 5227 ARP probe
 * or IPv6 DAD on the VIP's interface, collecting every MAC that answers within a bounded wait.
 * Each MAC is named with the member it belongs to when it is one: a member's MAC is learned by an
 * ordinary ARP/NS for the member's address on the same interface (its kernel answers even when its
 * daemon is dead), asked again whenever an unknown MAC answers. A MAC of no member is a foreign
 * host only when every member's kernel answered on that interface: a member reached there by
 * another network (heartbeats on their own LAN) cannot be told from a stranger, and a crashed
 * member's stale VIP must not stop the takeover.
 *
 * <p>Thread-safe (one probe at a time): the groups' threads call it; never the event loop.
 */
public final class VipGuard implements AutoCloseable {
    /**
     * One host that answered: its MAC, the member it belongs to (null if none), and whether it is
     * certainly no member ({@code foreign}: every member's MAC on that interface is known).
     */
    public record Answerer(String mac, String member, boolean foreign) {
        @Override
        public String toString() {
            return member != null ? member + " (MAC " + mac + ")" : foreign ? "a foreign host (MAC " + mac + ")"
                    : "MAC " + mac + " (no member known to have it: a member not reachable on this link, or a foreign host)";
        }
    }

    private final NeighbourProbe probe;
    private final Map<String, InetAddress> members;
    private final Map<String, String> memberByMac = new HashMap<>();
    /** Per interface: the members whose MAC there is known. */
    private final Map<String, java.util.Set<String>> resolved = new HashMap<>();

    /** {@code members}: every other node by name, with its address (as in the config). */
    public VipGuard(NeighbourProbe probe, Map<String, InetAddress> members) {
        this.probe = probe;
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** Every host other than this one that answers for {@code vip} within {@code wait}. */
    public synchronized List<Answerer> look(VipConfig vip, Duration wait) throws TakeoverException {
        ProbeResult r = probe.probeVip(vip.iface(), vip.address(), wait);
        List<Answerer> out = new ArrayList<>();
        for (String mac : r.macs()) {
            String member = memberByMac.get(mac.toLowerCase(java.util.Locale.ROOT));
            if (member == null) {
                learnMembers(vip);
                member = memberByMac.get(mac.toLowerCase(java.util.Locale.ROOT));
            }
            boolean allKnown = resolved.getOrDefault(vip.iface(), java.util.Set.of()).containsAll(members.keySet());
            out.add(new Answerer(mac, member, member == null && allKnown));
        }
        return out;
    }

    /** Asks each member's kernel for its MAC on the VIP's interface (a dead node does not answer: it holds nothing). */
    private void learnMembers(VipConfig vip) {
        InetAddress self = ownAddress(vip.iface(), vip.address());
        if (self == null) {
            return;
        }
        for (Map.Entry<String, InetAddress> m : members.entrySet()) {
            if (m.getValue().getClass() != self.getClass()) {
                continue;
            }
            try {
                ProbeResult r = probe.probeNode(vip.iface(), m.getValue(), self, NeighbourProbe.VIP_TIMEOUT);
                r.macs().forEach(mac -> memberByMac.put(mac.toLowerCase(java.util.Locale.ROOT), m.getKey()));
                if (r.answered()) {
                    resolved.computeIfAbsent(vip.iface(), k -> new java.util.HashSet<>()).add(m.getKey());
                }
            } catch (TakeoverException | RuntimeException e) {
                // the member stays unknown: its MAC would then count as foreign, which refuses a claim rather than risk one
            }
        }
    }

    /** An address of ours on {@code iface} in the VIP's family (not the VIP itself), or null. */
    private static InetAddress ownAddress(String iface, InetAddress vip) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(iface);
            if (nif == null) {
                return null;
            }
            for (Enumeration<InetAddress> e = nif.getInetAddresses(); e.hasMoreElements(); ) {
                InetAddress a = e.nextElement();
                if (a.getClass() == vip.getClass() && !a.equals(vip) && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    @Override
    public synchronized void close() {
        probe.close();
    }
}
