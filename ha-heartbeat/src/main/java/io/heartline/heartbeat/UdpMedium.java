package io.heartline.heartbeat;

import io.heartline.core.HeartbeatThreads;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.UdpConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beacons as plain UDP datagrams (no JGroups): one to each peer's address, or one to a multicast
 * group. Its whole receive path runs on one thread, a {@link Selector} loop that reads each
 * datagram into one reused buffer and hands it to {@link AbstractMedium#receive} on the spot
 * (decode, HMAC, replay check, listener): no queue, no hand-off. Sending is
 * {@link Sending#DIRECT}: the beacon timer's thread encodes into the codec's scratch buffer and
 * sends from one reused direct buffer on the non-blocking channel, which never waits. So the steady
 * path allocates nothing in the medium (the decoded {@link Beacon} given to the listener aside).
 *
 * <p>The loop thread announces itself to {@link HeartbeatThreads}, so it takes
 * {@code timing.realtime-priority} like every heartbeat thread.
 */
public final class UdpMedium extends AbstractMedium {
    private static final Logger log = LoggerFactory.getLogger(UdpMedium.class);
    /** How long {@link #shutdown()} waits for the loop thread to end. */
    private static final long JOIN_MILLIS = 1000;

    private final InetSocketAddress bind;
    private final InetAddress group;
    private final String iface;
    private final List<InetSocketAddress> targets;
    /** Multicast only: whether our own datagrams come back to this host (tests on one host need them). */
    private final boolean multicastLoop;
    /** One byte more than a beacon may have: a longer datagram is seen as too long, not cut to fit. */
    private final ByteBuffer in = ByteBuffer.allocate(BeaconCodec.MAX_FRAME + 1);
    private final ByteBuffer out = ByteBuffer.allocateDirect(BeaconCodec.MAX_FRAME);
    private final Consumer<SelectionKey> onReadable = key -> drain();
    private volatile DatagramChannel channel;
    private volatile Selector selector;
    private volatile Thread loop;
    private volatile boolean stopping;
    /** Receive errors, in all (loop thread only); warnings thin out (1, 2, 4, ...). */
    private long receiveErrors;

    /**
     * @param bind    the local address and port (a wildcard address binds every address)
     * @param group   a multicast group to join on {@code iface} and send to, or null
     * @param targets the peers to send each beacon to when {@code group} is null
     */
    public UdpMedium(String name, InetSocketAddress bind, InetAddress group, String iface,
                     List<InetSocketAddress> targets, MediumContext context) {
        this(name, bind, group, iface, targets, false, context);
    }

    UdpMedium(String name, InetSocketAddress bind, InetAddress group, String iface,
              List<InetSocketAddress> targets, boolean multicastLoop, MediumContext context) {
        super(name, context, Sending.DIRECT);
        this.multicastLoop = multicastLoop;
        this.bind = Objects.requireNonNull(bind, "bind");
        this.group = group;
        this.iface = iface;
        if (group != null && iface == null) {
            throw new IllegalArgumentException(name + ": a multicast group needs an interface");
        }
        this.targets = group != null ? List.of(new InetSocketAddress(group, bind.getPort())) : List.copyOf(targets);
    }

    /** The medium as configured: unicast to every other node of {@code nodes}, or to the group. */
    public static UdpMedium of(UdpConfig cfg, List<NodeConfig> nodes, MediumContext context) {
        InetSocketAddress bind = cfg.bindAddress() == null ? new InetSocketAddress(cfg.port())
                : new InetSocketAddress(cfg.bindAddress(), cfg.port());
        List<InetSocketAddress> peers = new ArrayList<>();
        for (NodeConfig n : nodes) {
            if (!n.id().equals(context.self())) {
                peers.add(new InetSocketAddress(n.address(), cfg.port()));
            }
        }
        return new UdpMedium(cfg.name(), bind, cfg.group(), cfg.iface(), peers, context);
    }

    @Override
    protected void open() throws IOException {
        InetAddress family = group != null ? group : bind.getAddress();
        ProtocolFamily pf = family instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel ch = DatagramChannel.open(pf);
        channel = ch;
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ch.bind(bind);
        if (group != null) {
            NetworkInterface nif = NetworkInterface.getByName(iface);
            if (nif == null) {
                throw new IOException(name() + ": no interface '" + iface + "'");
            }
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, multicastLoop); // off: our own beacons stay home
            ch.join(group, nif);
        }
        ch.configureBlocking(false);
        Selector sel = Selector.open();
        selector = sel;
        ch.register(sel, SelectionKey.OP_READ);
        Thread t = new Thread(this::run, "heartline-udp-" + name());
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        loop = t;
        t.start();
    }

    /** The address the channel is bound to (its port, when the configured one was 0). */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** The receive loop's thread, once open (tests count what it allocates). */
    Thread loopThread() {
        return loop;
    }

    @Override
    protected void transmit(byte[] frame) throws IOException {
        transmit(frame, 0, frame.length);
    }

    @Override
    protected void transmit(byte[] buf, int off, int len) throws IOException {
        DatagramChannel ch = channel;
        if (ch == null) {
            throw new ClosedChannelException();
        }
        IOException first = null;
        for (int i = 0; i < targets.size(); i++) {
            out.clear();
            out.put(buf, off, len).flip();
            try {
                if (ch.send(out, targets.get(i)) == 0) {
                    throw new IOException("socket send buffer full");
                }
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    protected void shutdown() {
        stopping = true;
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(channel);
        closeQuietly(sel);
    }

    private void run() {
        HeartbeatThreads.started("beacon loop of " + name());
        try {
            while (!stopping) {
                selector.select(onReadable);
            }
        } catch (ClosedSelectorException | IOException e) {
            if (!stopping) {
                log.error("{}: receive loop failed; this medium hears nothing more", name(), e);
            }
        }
    }

    /** Every datagram waiting, each checked and delivered before the next is read. */
    private void drain() {
        byte[] buf = in.array();
        try {
            while (!stopping) {
                in.clear();
                if (channel.receive(in) == null) {
                    return;
                }
                receive(buf, 0, in.position());
            }
        } catch (IOException e) {
            if (!stopping && Long.bitCount(++receiveErrors) == 1) {
                log.warn("{}: receiving failed: {} ({} so far)", name(), e.toString(), receiveErrors);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            log.debug("closing: {}", e.toString());
        }
    }
}
