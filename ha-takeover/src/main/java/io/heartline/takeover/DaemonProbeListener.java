package io.heartline.takeover;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon check's far end: a UDP port held open on each heartbeat address for as long as the
 * daemon lives. It answers nothing and reads only to drop: when the daemon process dies the
 * kernel closes these sockets, and a {@link DaemonProbe} then draws an ICMP port unreachable.
 * Non-blocking channels with a small receive buffer (the kernel drops what does not fit); the
 * owner registers {@link #channels()} with its selector and calls {@link #drain()} when they are
 * readable. {@code drain} reads into one buffer allocated here, at most {@value #MAX_DRAIN}
 * datagrams a call (the JDK reuses the sender's address object while it stays the same).
 *
 * <p>Owned by one thread (the daemon's event loop).
 */
public final class DaemonProbeListener implements AutoCloseable {
    static final int RCVBUF = 4096;
    private static final int MAX_DRAIN = 64;

    private final List<DatagramChannel> channels;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(DaemonProbeDatagram.LENGTH);
    private long dropped;

    private DaemonProbeListener(List<DatagramChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** Binds {@code port} on every one of {@code addresses} (the node's heartbeat addresses). */
    public static DaemonProbeListener open(List<InetAddress> addresses, int port) throws TakeoverException {
        if (addresses.isEmpty() || port <= 0 || port > 65535) {
            throw new IllegalArgumentException("a probe listener needs addresses and a port, not " + addresses + " port " + port);
        }
        List<DatagramChannel> opened = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                DatagramChannel channel = DatagramChannel.open(
                        address instanceof Inet6Address ? StandardProtocolFamily.INET6
                                : StandardProtocolFamily.INET);
                opened.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, RCVBUF);
                channel.configureBlocking(false);
                channel.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                opened.forEach(DaemonProbeListener::closeQuietly);
                throw new TakeoverException("cannot open the daemon probe port " + port + " on "
                        + address.getHostAddress() + ": " + e.getMessage(), e);
            }
        }
        return new DaemonProbeListener(opened);
    }

    /** The bound channels, non-blocking, for the owner's selector (OP_READ). */
    public List<DatagramChannel> channels() {
        return channels;
    }

    /** Reads and drops what is queued, at most {@value #MAX_DRAIN} datagrams per channel; returns how many. */
    public int drain() {
        int n = 0;
        for (DatagramChannel channel : channels) {
            for (int i = 0; i < MAX_DRAIN; i++) {
                buffer.clear();
                try {
                    if (channel.receive(buffer) == null) {
                        break;
                    }
                } catch (IOException e) {
                    break; // a queued error on our own socket: nothing to do with it
                }
                n++;
            }
        }
        dropped += n;
        return n;
    }

    /** Datagrams read and dropped since opening. */
    public long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        channels.forEach(DaemonProbeListener::closeQuietly);
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
