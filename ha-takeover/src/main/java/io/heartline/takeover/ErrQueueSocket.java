package io.heartline.takeover;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One unconnected UDP socket of one family with {@code IP_RECVERR} / {@code IPV6_RECVERR} on:
 * it sends daemon probes, and the ICMP errors they draw queue on its error queue, each with the
 * quoted payload and a {@code sock_extended_err}. Non-blocking, receive buffer capped, every
 * buffer allocated once. Owned by one thread.
 */
final class ErrQueueSocket implements Closeable {
    private static final int RCVBUF = 4096;
    private static final int MAX_DRAIN = 256;
    private static final int DATA = 64;
    private static final int CONTROL = 256;
    // Native layout: struct msghdr (56) | struct iovec (16) | sockaddr (32) | data | control.
    private static final int IOV = 56;
    private static final int NAME = 72;
    private static final int DATA_AT = 104;
    private static final int CONTROL_AT = DATA_AT + DATA;

    private final int fd;
    private final Memory msg = new Memory(CONTROL_AT + CONTROL);
    private final Pointer name = msg.share(NAME);
    private final Pointer iov = msg.share(IOV);
    private final Pointer payload = msg.share(DATA_AT);
    private final Pointer cmsg = msg.share(CONTROL_AT);
    private final byte[] data = new byte[DATA];
    private final byte[] control = new byte[CONTROL];
    private final byte[] pollfd = new byte[8];
    private final byte[] timespec = new byte[16];
    private int dataLength;
    private int controlLength;

    private ErrQueueSocket(int fd) {
        this.fd = fd;
        // events 0: POLLERR (an error queued) is always reported, and a stray datagram does not wake us.
        ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder()).putInt(fd).putShort((short) 0);
    }

    static ErrQueueSocket open(boolean v6) throws TakeoverException {
        String family = v6 ? "IPv6" : "IPv4";
        int fd = LibC.socket(v6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, 0);
        if (fd < 0) {
            throw new TakeoverException("cannot open " + family + " UDP socket for daemon probes: " + Errno.describe(LibC.errno()));
        }
        byte[] one = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1).array();
        byte[] size = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(RCVBUF).array();
        if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, size, 4) < 0
                || (v6 ? LibC.setsockopt(fd, SockExtendedErr.SOL_IPV6, SockExtendedErr.IPV6_RECVERR, one, 4)
                        : LibC.setsockopt(fd, SockExtendedErr.SOL_IP, SockExtendedErr.IP_RECVERR, one, 4)) < 0) {
            int errno = LibC.errno();
            LibC.close(fd);
            throw new TakeoverException("cannot set up " + family + " daemon probe socket: " + Errno.describe(errno));
        }
        return new ErrQueueSocket(fd);
    }

    /** Drops every queued error and datagram (at most {@value #MAX_DRAIN} each); returns how many errors. */
    int drain() {
        int errors = 0;
        while (errors < MAX_DRAIN && readError()) {
            errors++;
        }
        for (int i = 0; i < MAX_DRAIN && LibC.recv(fd, payload, DATA, LibC.MSG_DONTWAIT) >= 0; i++) {
            // a datagram sent to our port: not ours to read
        }
        return errors;
    }

    /** Sends {@code length} bytes of {@code datagram} to {@code sockaddr}; the errno (negated) on failure, else 0. */
    int send(byte[] datagram, int length, byte[] sockaddr) {
        return LibC.sendto(fd, datagram, length, 0, sockaddr, sockaddr.length) < 0 ? -LibC.errno() : 0;
    }

    /** Waits at most {@code nanos} for a queued error and reads it; false when none came in time. */
    boolean receiveError(long nanos) {
        if (readError()) {
            return true;
        }
        if (nanos <= 0) {
            return false;
        }
        ByteBuffer.wrap(timespec).order(ByteOrder.nativeOrder())
                .putLong(0, nanos / 1_000_000_000L).putLong(8, nanos % 1_000_000_000L);
        return LibC.ppoll(pollfd, 1, timespec, null) > 0 && readError();
    }

    /** One {@code recvmsg(MSG_ERRQUEUE)}: the quoted payload to {@link #data}, the control data to {@link #control}. */
    private boolean readError() {
        msg.setPointer(0, name); // msg_name
        msg.setInt(8, 32); // msg_namelen
        msg.setPointer(16, iov); // msg_iov
        msg.setLong(24, 1); // msg_iovlen
        msg.setPointer(32, cmsg); // msg_control
        msg.setLong(40, CONTROL); // msg_controllen
        msg.setInt(48, 0); // msg_flags
        msg.setPointer(IOV, payload); // iov_base
        msg.setLong(IOV + 8, DATA); // iov_len
        long n = LibC.recvmsg(fd, msg, LibC.MSG_ERRQUEUE | LibC.MSG_DONTWAIT);
        if (n < 0) {
            return false;
        }
        dataLength = (int) Math.min(n, DATA);
        controlLength = (int) Math.min(Math.max(msg.getLong(40), 0), CONTROL);
        msg.read(DATA_AT, data, 0, dataLength);
        msg.read(CONTROL_AT, control, 0, controlLength);
        return true;
    }

    /** The payload the last error quoted (reused: read it before the next call). */
    byte[] data() {
        return data;
    }

    int dataLength() {
        return dataLength;
    }

    /** The control data of the last error: a {@code cmsghdr} with a {@code sock_extended_err}. */
    byte[] control() {
        return control;
    }

    int controlLength() {
        return controlLength;
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
