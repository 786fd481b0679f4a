package io.heartline.takeover;

import com.sun.jna.Memory;
import java.io.Closeable;
import java.util.function.Predicate;

/** Test helper: reads every frame arriving on one interface through an AF_PACKET socket. */
final class PacketCapture implements Closeable {
    private static final int ETH_P_ALL = 0x0003;
    private final int fd;
    private final Memory buffer = new Memory(4096);

    PacketCapture(String iface) throws TakeoverException {
        int ifindex = Interfaces.index(iface);
        if (ifindex < 0) {
            throw new TakeoverException("capture: " + Interfaces.reason(iface, ifindex));
        }
        fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Integer.reverseBytes(ETH_P_ALL) >>> 16);
        if (fd < 0) {
            throw new TakeoverException("capture socket: " + Errno.describe(LibC.errno()));
        }
        byte[] addr = SockAddrs.packet(ifindex, ETH_P_ALL, new byte[0]);
        if (LibC.bind(fd, addr, addr.length) < 0) {
            throw new TakeoverException("capture bind: " + Errno.describe(LibC.errno()));
        }
        byte[] tv = SockAddrs.timeval(java.time.Duration.ofMillis(500));
        LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, tv.length);
    }

    /** The next frame matching {@code filter} within about {@code millis}, or null. */
    byte[] next(Predicate<byte[]> filter, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            long n = LibC.recv(fd, buffer, buffer.size(), 0);
            if (n > 0) {
                byte[] frame = buffer.getByteArray(0, (int) n);
                if (filter.test(frame)) {
                    return frame;
                }
            }
        }
        return null;
    }

    static boolean isArp(byte[] f) {
        return f.length >= 42 && f[12] == 0x08 && f[13] == 0x06;
    }

    static boolean isNeighbourAdvert(byte[] f) {
        return f.length >= 55 && f[12] == (byte) 0x86 && f[13] == (byte) 0xdd && f[20] == 58 && f[54] == (byte) 136;
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
