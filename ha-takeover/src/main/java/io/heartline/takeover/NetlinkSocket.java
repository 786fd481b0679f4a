package io.heartline.takeover;

import com.sun.jna.Memory;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An rtnetlink socket through JNA: sends a request and reads the replies carrying its sequence
 * number (stale replies to an earlier, timed-out request are skipped). SO_RCVTIMEO bounds every
 * read, so a lost reply can never hang the caller. Not thread-safe: the owner serialises calls.
 */
final class NetlinkSocket implements Closeable {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final int fd;
    private final Duration timeout;
    private final Memory buffer = new Memory(BUFFER_SIZE);
    private final byte[] kernel = SockAddrs.netlinkKernel();
    private int seq = 1;
    private boolean closed;

    NetlinkSocket(Duration timeout) throws TakeoverException {
        this.timeout = timeout;
        int s = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
        if (s < 0) {
            throw new TakeoverException("cannot open rtnetlink socket: " + Errno.describe(LibC.errno()));
        }
        byte[] tv = SockAddrs.timeval(timeout);
        if (LibC.setsockopt(s, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, tv.length) < 0) {
            int errno = LibC.errno();
            LibC.close(s);
            throw new TakeoverException("cannot set SO_RCVTIMEO on rtnetlink socket: " + Errno.describe(errno));
        }
        this.fd = s;
    }

    /** The next sequence number; build the request with it, then pass both to a call below. */
    int nextSeq() {
        return seq++;
    }

    /** Sends a request built with NLM_F_ACK and returns the kernel's ack. */
    NetlinkAck request(ByteBuffer message, int seq) throws TakeoverException {
        send(message);
        while (true) {
            for (NetlinkMessage m : receive()) {
                if (m.seq() == seq && m.isError()) {
                    return NetlinkAck.from(m);
                }
            }
        }
    }

    /** Sends a dump request and collects its messages up to NLMSG_DONE. */
    List<NetlinkMessage> dump(ByteBuffer message, int seq) throws TakeoverException {
        send(message);
        List<NetlinkMessage> out = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receive()) {
                if (m.seq() != seq) {
                    continue;
                }
                if (m.isDone()) {
                    return out;
                }
                if (m.isError()) {
                    NetlinkAck ack = NetlinkAck.from(m);
                    throw new TakeoverException("address dump failed: " + ack.describe());
                }
                out.add(m);
            }
        }
    }

    private void send(ByteBuffer message) throws TakeoverException {
        if (closed) {
            throw new TakeoverException("rtnetlink socket is closed");
        }
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        long n = LibC.sendto(fd, bytes, bytes.length, 0, kernel, kernel.length);
        if (n < 0) {
            throw new TakeoverException("rtnetlink send failed: " + Errno.describe(LibC.errno()));
        }
    }

    private List<NetlinkMessage> receive() throws TakeoverException {
        long n = LibC.recv(fd, buffer, BUFFER_SIZE, LibC.MSG_TRUNC);
        int errno = n < 0 ? LibC.errno() : 0;
        while (n < 0 && errno == Errno.EINTR) {
            n = LibC.recv(fd, buffer, BUFFER_SIZE, LibC.MSG_TRUNC);
            errno = n < 0 ? LibC.errno() : 0;
        }
        if (n < 0) {
            if (errno == Errno.EAGAIN) {
                throw new TakeoverException("no reply from the kernel on rtnetlink within "
                        + timeout.toMillis() + " ms");
            }
            throw new TakeoverException("rtnetlink receive failed: " + Errno.describe(errno));
        }
        if (n > BUFFER_SIZE) {
            throw new TakeoverException("rtnetlink reply of " + n + " bytes truncated to " + BUFFER_SIZE);
        }
        try {
            return NetlinkMessage.parseAll(buffer.getByteArray(0, (int) n), (int) n);
        } catch (IllegalArgumentException e) {
            throw new TakeoverException("bad rtnetlink reply: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
