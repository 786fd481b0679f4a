package io.heartline.takeover;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link changes as the kernel announces them: an rtnetlink socket bound to RTNLGRP_LINK, read by
 * one blocking thread of its own ({@code heartline-links}) that hands every RTM_NEWLINK /
 * RTM_DELLINK to a {@link Listener} as a {@link LinkState}. A dump (RTM_GETLINK) at start gives
 * every interface's state first. When the kernel drops messages because the socket's buffer was
 * full (ENOBUFS), the monitor dumps again, so the listener sees every interface's current state
 * after an overrun (changes in between may be lost, never the final state).
 *
 * <p>The listener runs on the reader thread: it must not block (post to a queue and return).
 */
public final class LinkMonitor implements AutoCloseable {
    /** What the monitor reports, on its own thread. */
    public interface Listener {
        /** One interface's state: at start (the dump), on every change, after an overrun. */
        void link(LinkState state);

        /** The socket failed: no event comes any more. */
        void stopped(String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(LinkMonitor.class);
    private static final int BUFFER_SIZE = 64 * 1024;
    /** The socket's receive buffer: room for a burst of changes on a host with many interfaces. */
    static final int RECEIVE_BUFFER = 1 << 20;
    /** How long a read blocks before it looks whether the monitor was closed. */
    private static final Duration WAKE = Duration.ofMillis(250);

    private final int fd;
    private final Listener listener;
    private final Memory buffer = new Memory(BUFFER_SIZE);
    private final byte[] kernel = SockAddrs.netlinkKernel();
    private final AtomicLong overruns = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;
    private int seq = 1;
    private boolean dumpAgain;

    private LinkMonitor(int fd, Listener listener) {
        this.fd = fd;
        this.listener = listener;
        this.reader = new Thread(this::run, "heartline-links");
        this.reader.setDaemon(true);
    }

    /**
     * Opens the socket, asks for the dump and starts the reader thread.
     *
     * @throws TakeoverException if rtnetlink cannot be used here (the caller falls back to polling)
     */
    public static LinkMonitor start(Listener listener) throws TakeoverException {
        return start(listener, RECEIVE_BUFFER);
    }

    /** With a receive buffer of {@code receiveBuffer} bytes (tests force overruns with a small one). */
    static LinkMonitor start(Listener listener, int receiveBuffer) throws TakeoverException {
        int s = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
        if (s < 0) {
            throw new TakeoverException("cannot open rtnetlink socket: " + Errno.describe(LibC.errno()));
        }
        LinkMonitor m = new LinkMonitor(s, listener);
        try {
            byte[] tv = SockAddrs.timeval(WAKE);
            m.check(LibC.setsockopt(s, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, tv.length), "set SO_RCVTIMEO");
            byte[] size = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(receiveBuffer).array();
            m.check(LibC.setsockopt(s, LibC.SOL_SOCKET, LibC.SO_RCVBUF, size, size.length), "set SO_RCVBUF");
            byte[] groups = SockAddrs.netlinkGroups(Netlink.RTMGRP_LINK);
            m.check(LibC.bind(s, groups, groups.length), "join RTNLGRP_LINK");
            m.dump();
        } catch (TakeoverException e) {
            LibC.close(s);
            throw e;
        }
        m.reader.start();
        return m;
    }

    /** How many times the kernel dropped link messages (ENOBUFS) and the monitor dumped again. */
    public long overruns() {
        return overruns.get();
    }

    private void check(int rc, String what) throws TakeoverException {
        if (rc < 0) {
            throw new TakeoverException("rtnetlink link monitor: cannot " + what + ": " + Errno.describe(LibC.errno()));
        }
    }

    private void dump() throws TakeoverException {
        ByteBuffer request = LinkMessages.dumpLinks(seq++);
        byte[] bytes = new byte[request.remaining()];
        request.get(bytes);
        if (LibC.sendto(fd, bytes, bytes.length, 0, kernel, kernel.length) < 0) {
            throw new TakeoverException("rtnetlink link dump request failed: " + Errno.describe(LibC.errno()));
        }
    }

    private void run() {
        String reason = null;
        try {
            while (!closed && reason == null) {
                reason = readOnce();
            }
        } catch (TakeoverException | RuntimeException e) {
            reason = e.getMessage();
        } finally {
            LibC.close(fd);
        }
        if (reason != null && !closed) {
            log.error("rtnetlink link monitor stopped: {}", reason);
            listener.stopped(reason);
        }
    }

    /** One datagram: null to go on, or why the monitor must stop. */
    private String readOnce() throws TakeoverException {
        long n = LibC.recv(fd, buffer, BUFFER_SIZE, LibC.MSG_TRUNC);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EINTR || errno == Errno.EAGAIN) {
                return null;
            }
            if (errno == Errno.ENOBUFS) {
                overrun("the kernel dropped link messages (ENOBUFS)");
                return null;
            }
            return "receive failed: " + Errno.describe(errno);
        }
        if (n > BUFFER_SIZE) {
            overrun("a datagram of " + n + " bytes was truncated");
            return null;
        }
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.parseAll(buffer.getByteArray(0, (int) n), (int) n);
        } catch (IllegalArgumentException e) {
            overrun("a malformed datagram (" + e.getMessage() + ")");
            return null;
        }
        for (NetlinkMessage m : messages) {
            String stop = handle(m);
            if (stop != null) {
                return stop;
            }
        }
        return null;
    }

    private String handle(NetlinkMessage m) throws TakeoverException {
        if (m.isDone()) {
            if (dumpAgain) {            // an overrun came while a dump was running: dump once more
                dumpAgain = false;
                dump();
            }
            return null;
        }
        if (m.isError()) {
            NetlinkAck ack = NetlinkAck.from(m);
            if (ack.errno() == Errno.EBUSY) {   // a dump was still running: do it again after its end
                dumpAgain = true;
                return null;
            }
            return ack.ok() ? null : "link dump refused: " + ack.describe();
        }
        try {
            LinkMessages.parse(m).ifPresent(this::deliver);
        } catch (IllegalArgumentException e) {
            log.warn("rtnetlink link monitor: skipping a bad link message: {}", e.getMessage());
        }
        return null;
    }

    private void deliver(LinkState state) {
        if (closed) {
            return;
        }
        try {
            listener.link(state);
        } catch (RuntimeException e) {
            log.error("link listener failed on {}", state, e);
        }
    }

    private void overrun(String what) throws TakeoverException {
        long count = overruns.incrementAndGet();
        log.warn("rtnetlink link monitor: {} (overrun {}): reading every link again", what, count);
        dump();
    }

    /** Stops the reader (within {@link #WAKE}); it closes the socket itself. No event after this returns. */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != reader) {
            try {
                reader.join(WAKE.toMillis() * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
