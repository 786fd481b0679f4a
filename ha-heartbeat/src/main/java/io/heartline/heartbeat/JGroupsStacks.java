package io.heartline.heartbeat;

import io.heartline.core.NodeId;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.TimingConfig;
import io.heartline.core.config.UnicastConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;

/**
 * The JGroups protocol stacks of the two network media, bottom (transport) first.
 *
 * <pre>
 *  multicast: UDP  PING    MERGE3 FD_SOCK2 FD_ALL3 VERIFY_SUSPECT2 NAKACK2 UNICAST3 STABLE GMS
 *  unicast:   TCP  TCPPING MERGE3 FD_SOCK2 FD_ALL3 VERIFY_SUSPECT2 NAKACK2 UNICAST3 STABLE GMS
 * </pre>
 *
 * Beacons do not depend on this stack's membership: they travel unreliable, out of band and
 * unbundled, straight through NAKACK2 and UNICAST3, and reach a peer whatever the views say (over
 * TCP they are addressed to each peer's {@link #unicastTargets physical address}; see
 * {@link JGroupsMedium}). The view is informational (death is decided by beacons), so its failure
 * detection runs no faster than every 200 ms ({@code FD_ALL3} interval = the heartbeat interval
 * but at least 200 ms, timeout = deadtime but at least two of those intervals, {@code
 * VERIFY_SUSPECT2} = the interval): with a 20 ms fast profile, JGroups' own heartbeats and timers
 * would otherwise cost as much as the beacons. {@code GMS} joins after 500 ms, so a lone node starts quickly.
 *
 * <p>Bounds on what the network can make a stack hold (see docs/wire-inputs.md): TCP accepts no
 * message over {@link #MAX_MESSAGE} bytes (JGroups' default is no limit: a stranger's length
 * prefix would make it allocate up to 2 GiB); the receive thread pool of either transport has at
 * most {@link #MAX_THREADS} threads, does not grow past that, and drops what it cannot take.
 */
public final class JGroupsStacks {
    /** Multicast heartbeats stay on the local segment (bridges do not decrement the TTL). */
    public static final int DEFAULT_IP_TTL = 1;
    static final long JOIN_TIMEOUT_MS = 500;
    static final long MERGE_MIN_MS = 1_000;
    static final long MERGE_MAX_MS = 3_000;
    static final long MIN_FD_INTERVAL_MS = 200;
    static final int SOCKET_BUFFER = 200_000;
    /**
     * Largest message TCP accepts: the largest beacon and room for JGroups' headers. JGroups' own
     * messages in a cluster of a few nodes are far smaller (views and digests of a handful of members).
     */
    public static final int MAX_MESSAGE = BeaconCodec.MAX_FRAME + 4_096;
    /** Threads that handle received messages, per channel (beacons are handled one at a time anyway). */
    public static final int MAX_THREADS = 4;

    static {
        JGroupsLogging.useSlf4j();
    }

    private JGroupsStacks() {
    }

    /** UDP multicast to {@code cfg.group():cfg.port()} from {@code cfg.bindAddress()}, TTL 1. */
    public static List<Protocol> multicast(MulticastConfig cfg, TimingConfig timing) {
        return multicast(cfg, timing, DEFAULT_IP_TTL);
    }

    /** As {@link #multicast(MulticastConfig, TimingConfig)} with a given TTL (0: this host only, for tests). */
    public static List<Protocol> multicast(MulticastConfig cfg, TimingConfig timing, int ipTtl) {
        UDP udp = new UDP();
        udp.setMulticastAddress(cfg.group());
        udp.setMulticastPort(cfg.port());
        udp.setIpTTL(ipTtl);
        // Heartbeats are a few KB/s: stay under the stock rmem_max/wmem_max (212992), so JGroups
        // does not warn at every start that the OS granted less than it asked for.
        udp.setMcastRecvBufSize(SOCKET_BUFFER);
        udp.setMcastSendBufSize(SOCKET_BUFFER);
        udp.setUcastRecvBufSize(SOCKET_BUFFER);
        udp.setUcastSendBufSize(SOCKET_BUFFER);
        transport(udp, cfg.bindAddress(), 0);
        List<Protocol> stack = new ArrayList<>();
        stack.add(udp);
        stack.add(new PING());
        upper(stack, timing, true);
        return stack;
    }

    /**
     * TCP on {@code cfg.bindAddress():cfg.port()}, discovering the others through {@code TCPPING}
     * at every node's {@code address:port}.
     */
    public static List<Protocol> unicast(UnicastConfig cfg, List<NodeConfig> nodes, TimingConfig timing) {
        TCP tcp = new TCP();
        transport(tcp, cfg.bindAddress(), cfg.port());
        tcp.setMaxLength(MAX_MESSAGE);
        tcp.setSockConnTimeout((int) Math.max(100, Math.min(2_000, timing.deadtime().toMillis())));
        TCPPING ping = new TCPPING();
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (NodeConfig n : nodes) {
            hosts.add(new InetSocketAddress(n.address(), cfg.port()));
        }
        ping.setInitialHosts(hosts);
        ping.setPortRange(0);
        List<Protocol> stack = new ArrayList<>();
        stack.add(tcp);
        stack.add(ping);
        upper(stack, timing, false);
        return stack;
    }

    /** Where a unicast medium sends beacons: every node but {@code self}, at {@code address:port}. */
    public static List<PhysicalAddress> unicastTargets(UnicastConfig cfg, List<NodeConfig> nodes, NodeId self) {
        List<PhysicalAddress> targets = new ArrayList<>();
        for (NodeConfig n : nodes) {
            if (!n.id().equals(self)) {
                targets.add(new IpAddress(n.address(), cfg.port()));
            }
        }
        return targets;
    }

    /** The failure-detection interval for a heartbeat interval (never below 200 ms: the view is informational). */
    static long fdIntervalMillis(TimingConfig timing) {
        return Math.max(MIN_FD_INTERVAL_MS, timing.interval().toMillis());
    }

    /** The failure-detection timeout: the deadtime, but at least two intervals. */
    static long fdTimeoutMillis(TimingConfig timing) {
        return Math.max(2 * fdIntervalMillis(timing), timing.deadtime().toMillis());
    }

    private static void transport(TP tp, InetAddress bindAddress, int port) {
        tp.setBindAddress(bindAddress);
        tp.setBindPort(port);
        tp.setPortRange(0);
        // Each medium already sends from a thread of its own (FrameSender): a bundler thread in between
        // only adds a hand-off and a wake-up per beacon, and never batches anything at these rates.
        tp.setBundlerType("no-bundler");
        // JGroups' default pool grows to 200 threads and beyond (increase_max_size_dynamically): a
        // flood from one stranger could start a thread per message. Beacons pass AbstractMedium's
        // receive lock one at a time, so more threads would only queue there. When all are busy the
        // socket's own reader handles the message ("run"): nothing is dropped in user space, and the
        // reader slowing down is the bound (the kernel's socket buffer drops what does not fit).
        // "discard" dropped the real peer's beacons too whenever a starved CPU kept the four busy:
        // the fast profile then saw a live peer as dead.
        tp.getThreadPool().setMinThreads(0).setMaxThreads(MAX_THREADS).setIncreaseMaxSizeDynamically(false)
                .setRejectionPolicy("run");
        // A datagram from another JGroups version or cluster is dropped by the transport. JGroups logs
        // each one at WARN, suppressed per sender address only: garbage from random source ports made
        // one log line per datagram (10,000 in the flood test), a CPU and disk cost an outsider
        // controls. They are dropped silently; beacons that reach us are counted by reason as before.
        tp.setLogDiscardMessages(false);
        tp.setLogDiscardMessagesVersion(false);
        // No diagnostics (probe) socket: JChannel(List<Protocol>) disables it after init().
    }

    private static void upper(List<Protocol> stack, TimingConfig timing, boolean multicast) {
        long fdInterval = fdIntervalMillis(timing);
        MERGE3 merge = new MERGE3();
        merge.setMinInterval(MERGE_MIN_MS);
        merge.setMaxInterval(MERGE_MAX_MS);
        FD_ALL3 fd = new FD_ALL3();
        fd.setInterval(fdInterval);
        fd.setTimeout(fdTimeoutMillis(timing));
        VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2();
        verify.setTimeout(fdInterval);
        NAKACK2 nakack = new NAKACK2();
        nakack.useMcastXmit(multicast);
        nakack.logDiscardMessages(false);
        GMS gms = new GMS();
        gms.setJoinTimeout(JOIN_TIMEOUT_MS);
        gms.setLeaveTimeout(JOIN_TIMEOUT_MS);
        gms.setViewAckCollectionTimeout(Math.max(JOIN_TIMEOUT_MS, fdTimeoutMillis(timing)));
        gms.printLocalAddress(false);
        stack.add(merge);
        stack.add(new FD_SOCK2());
        stack.add(fd);
        stack.add(verify);
        stack.add(nakack);
        stack.add(new UNICAST3());
        stack.add(new STABLE());
        stack.add(gms);
    }
}
