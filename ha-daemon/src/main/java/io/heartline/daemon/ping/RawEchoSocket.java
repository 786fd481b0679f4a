package io.heartline.daemon.ping;

import io.heartline.core.Clock;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Raw ICMP sockets (one per address family in use), non-blocking: a send never waits, a receive
 * waits in {@code ppoll} at most as long as asked. A raw socket sees every ICMP message of the
 * host, so a reply counts only when it carries this socket's random identifier.
 */
final class RawEchoSocket implements EchoSocket {
    private static final int RCVBUF = 64 * 1024;
    private static final int MAX_READS = 256;

    private final Clock clock;
    private final int id;
    private final int v4;
    private final int v6;
    private final byte[] pollfds;
    private final int nfds;
    private final byte[] buffer = new byte[1500];
    private final byte[] from = new byte[28];
    private final int[] fromLength = new int[1];
    private final byte[] timespec = new byte[16];

    private RawEchoSocket(Clock clock, int id, int v4, int v6) {
        this.clock = clock;
        this.id = id;
        this.v4 = v4;
        this.v6 = v6;
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        int n = 0;
        for (int fd : new int[] {v4, v6}) {
            if (fd >= 0) {
                b.putInt(n * 8, fd).putShort(n * 8 + 4, PingLibC.POLLIN);
                n++;
            }
        }
        this.nfds = n;
        this.pollfds = Arrays.copyOf(b.array(), n * 8);
    }

    /** Opens a socket for each family among {@code targets}; fails, saying why, without CAP_NET_RAW. */
    static RawEchoSocket open(List<InetAddress> targets, Clock clock) throws IOException {
        boolean needV4 = targets.stream().anyMatch(a -> !(a instanceof Inet6Address));
        boolean needV6 = targets.stream().anyMatch(a -> a instanceof Inet6Address);
        int v4 = needV4 ? open(PingLibC.AF_INET, PingLibC.IPPROTO_ICMP) : -1;
        int v6;
        try {
            v6 = needV6 ? open(PingLibC.AF_INET6, PingLibC.IPPROTO_ICMPV6) : -1;
        } catch (IOException e) {
            if (v4 >= 0) {
                PingLibC.close(v4);
            }
            throw e;
        }
        return new RawEchoSocket(clock, new SecureRandom().nextInt(1 << 16), v4, v6);
    }

    private static int open(int family, int protocol) throws IOException {
        int fd = PingLibC.socket(family, PingLibC.SOCK_RAW | PingLibC.SOCK_NONBLOCK | PingLibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new IOException("cannot open a raw " + (family == PingLibC.AF_INET ? "ICMP" : "ICMPv6")
                    + " socket for the ping nodes: " + PingLibC.describe(PingLibC.errno()));
        }
        byte[] size = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(RCVBUF).array();
        PingLibC.setsockopt(fd, PingLibC.SOL_SOCKET, PingLibC.SO_RCVBUF, size, 4); // best effort: the default is fine too
        return fd;
    }

    @Override
    public int send(InetAddress to, int seq) {
        boolean six = to instanceof Inet6Address;
        byte[] message = IcmpEcho.request(six, id, seq);
        byte[] addr = sockaddr(to);
        long rc = PingLibC.sendto(six ? v6 : v4, message, message.length, 0, addr, addr.length);
        return rc < 0 ? PingLibC.errno() : 0;
    }

    @Override
    public Answer receive(long nanos) {
        long deadline = clock.monotonicNanos() + nanos;
        while (true) {
            Answer a = read(v4, false);
            if (a == null) {
                a = read(v6, true);
            }
            if (a != null) {
                return a;
            }
            long left = deadline - clock.monotonicNanos();
            if (left <= 0) {
                return null;
            }
            ByteBuffer.wrap(timespec).order(ByteOrder.nativeOrder())
                    .putLong(0, left / 1_000_000_000L).putLong(8, left % 1_000_000_000L);
            PingLibC.ppoll(pollfds, nfds, timespec, null);
        }
    }

    /** Reads queued messages of one socket until one of our replies (or none is left). */
    private Answer read(int fd, boolean six) {
        if (fd < 0) {
            return null;
        }
        for (int i = 0; i < MAX_READS; i++) { // a flood of other ICMP cannot hold the round past its deadline
            fromLength[0] = from.length;
            long n = PingLibC.recvfrom(fd, buffer, buffer.length, 0, from, fromLength);
            if (n < 0) {
                return null; // EAGAIN: nothing queued
            }
            IcmpEcho.Reply r = IcmpEcho.reply(six, buffer, (int) Math.min(n, buffer.length));
            if (r != null && r.id() == id) {
                InetAddress sender = sender(six);
                if (sender != null) {
                    return new Answer(sender, r.seq());
                }
            }
        }
        return null;
    }

    private InetAddress sender(boolean six) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(from, six ? 8 : 4, six ? 24 : 8));
        } catch (UnknownHostException e) {
            return null; // a wrong length only; never a look-up
        }
    }

    /** {@code struct sockaddr_in} or {@code sockaddr_in6}, port 0 (ICMP has none). */
    private static byte[] sockaddr(InetAddress to) {
        byte[] ip = to.getAddress();
        boolean six = ip.length == 16;
        ByteBuffer b = ByteBuffer.allocate(six ? 28 : 16).order(ByteOrder.nativeOrder());
        b.putShort((short) (six ? PingLibC.AF_INET6 : PingLibC.AF_INET)).putShort((short) 0);
        if (six) {
            b.putInt(0).put(ip).putInt(((Inet6Address) to).getScopeId());
        } else {
            b.put(ip);
        }
        return b.array();
    }

    @Override
    public void close() {
        if (v4 >= 0) {
            PingLibC.close(v4);
        }
        if (v6 >= 0) {
            PingLibC.close(v6);
        }
    }
}
