package io.heartline.takeover;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.Closeable;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One AF_PACKET/SOCK_RAW socket bound to one interface and one ethertype, with a
 * {@link ProbeFilter} attached: it sends probe frames and receives what may answer them.
 * Opened with protocol 0 (it queues nothing), filtered, then bound: no unfiltered frame ever
 * reaches its queue. The queue is capped ({@code SO_RCVBUF}, 64 KiB) and frames beyond it are
 * dropped by the kernel; {@link #drain} empties it before each probe. Owned by one thread.
 */
final class ProbeSocket implements Closeable {
    private static final long SIOCGIFINDEX = 0x8933;
    private static final int ARPHRD_ETHER = 1;
    private static final int RCVBUF = 64 * 1024;
    private static final int MAX_DRAIN = 4096;

    private final String iface;
    private final int fd;
    private final int index;
    private final Memory buffer = new Memory(ProbeFilter.SNAP);
    private final byte[] frame = new byte[ProbeFilter.SNAP];
    private final byte[] pollfd = new byte[8];
    private final byte[] timespec = new byte[16];

    private ProbeSocket(String iface, int fd, int index) {
        this.iface = iface;
        this.fd = fd;
        this.index = index;
        ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder()).putInt(fd).putShort(LibC.POLLIN);
    }

    /** Opens, filters and binds a socket for {@code ethertype} frames on {@code iface}. */
    static ProbeSocket open(String iface, int ethertype, byte[] filter) throws TakeoverException {
        int index = Interfaces.index(iface);
        if (index < 0) {
            throw new TakeoverException("cannot probe on " + iface + ": " + Interfaces.reason(iface, index));
        }
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new TakeoverException("cannot open AF_PACKET socket to probe on " + iface + ": "
                    + Errno.describe(LibC.errno()));
        }
        try {
            byte[] size = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(RCVBUF).array();
            check(LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, size, 4), iface, "SO_RCVBUF");
            attach(fd, filter, iface);
            byte[] addr = SockAddrs.packet(index, ethertype, new byte[0]);
            check(LibC.bind(fd, addr, addr.length), iface, "bind");
        } catch (TakeoverException e) {
            LibC.close(fd);
            throw e;
        }
        return new ProbeSocket(iface, fd, index);
    }

    /** {@code struct sock_fprog { u16 len; struct sock_filter *filter; }}: the kernel copies the program. */
    private static void attach(int fd, byte[] program, String iface) throws TakeoverException {
        Memory insns = new Memory(program.length);
        insns.write(0, program, 0, program.length);
        byte[] fprog = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .putShort((short) ProbeFilter.length(program)).putShort((short) 0).putInt(0)
                .putLong(Pointer.nativeValue(insns)).array();
        int rc = LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, fprog, fprog.length);
        Reference.reachabilityFence(insns);
        check(rc, iface, "SO_ATTACH_FILTER");
    }

    private static void check(long rc, String iface, String what) throws TakeoverException {
        if (rc < 0) {
            throw new TakeoverException("cannot probe on " + iface + ": " + what + " failed: "
                    + Errno.describe(LibC.errno()));
        }
    }

    /** Whether the interface still has the index this socket is bound to (not deleted and recreated). */
    boolean current() {
        return Interfaces.index(iface) == index;
    }

    /** The interface's MAC, read now (SIOCGIFHWADDR); it must be Ethernet. */
    byte[] mac() throws TakeoverException {
        byte[] req = SockAddrs.ifreq(iface);
        check(LibC.ioctl(fd, LibC.SIOCGIFHWADDR, req), iface, "SIOCGIFHWADDR");
        ByteBuffer hw = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        int type = Short.toUnsignedInt(hw.getShort(SockAddrs.IFNAMSIZ));
        if (type != ARPHRD_ETHER) {
            throw new TakeoverException("cannot probe on " + iface + ": not Ethernet (hardware type " + type + ")");
        }
        byte[] mac = new byte[6];
        hw.get(SockAddrs.IFNAMSIZ + 2, mac);
        return mac;
    }

    /** Drops every queued frame (at most {@value #MAX_DRAIN}); returns how many. */
    int drain() {
        int dropped = 0;
        while (dropped < MAX_DRAIN && LibC.recv(fd, buffer, ProbeFilter.SNAP, LibC.MSG_DONTWAIT) >= 0) {
            dropped++;
        }
        return dropped;
    }

    /** Sends a whole Ethernet frame to {@code destMac}; the errno (negated) on failure, else 0. */
    int send(byte[] frame, int ethertype, byte[] destMac) {
        byte[] dest = SockAddrs.packet(index, ethertype, destMac);
        return LibC.sendto(fd, frame, frame.length, 0, dest, dest.length) < 0 ? -LibC.errno() : 0;
    }

    /**
     * Waits at most {@code nanos} for one frame; returns its length (at most
     * {@link ProbeFilter#SNAP}, the bytes in {@link #frame()}), or -1 when none came in time.
     */
    int receive(long nanos) {
        long n = LibC.recv(fd, buffer, ProbeFilter.SNAP, LibC.MSG_DONTWAIT);
        if (n < 0 && nanos > 0) {
            ByteBuffer.wrap(timespec).order(ByteOrder.nativeOrder())
                    .putLong(0, nanos / 1_000_000_000L).putLong(8, nanos % 1_000_000_000L);
            if (LibC.ppoll(pollfd, 1, timespec, null) > 0) {
                n = LibC.recv(fd, buffer, ProbeFilter.SNAP, LibC.MSG_DONTWAIT);
            }
        }
        if (n < 0) {
            return -1;
        }
        int length = (int) Math.min(n, ProbeFilter.SNAP);
        buffer.read(0, frame, 0, length);
        return length;
    }

    /** The last frame {@link #receive} returned (reused: read it before the next call). */
    byte[] frame() {
        return frame;
    }

    String iface() {
        return iface;
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
