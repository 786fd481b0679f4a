package io.heartline.takeover;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls this module needs, bound by JNA direct mapping (64-bit Linux: size_t is a
 * Java long). Calls return -1 on failure; read the errno with {@link #errno()} right after.
 *
 * <p>Loading this class loads JNA (~150 ms on a cold JVM): do it at start-up, never at takeover.
 */
final class LibC {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_RCVBUF = 8;
    static final int SO_ATTACH_FILTER = 26;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 1;
    static final short POLLERR = 8;
    static final int MSG_ERRQUEUE = 0x2000;
    static final int MSG_TRUNC = 0x20;
    static final long SIOCGIFHWADDR = 0x8927;

    static {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            throw new UnsatisfiedLinkError("heartline takeover needs 64-bit Linux, this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, byte[] addr, int addrLen);

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen);

    static native long recv(int fd, Pointer buf, long len, int flags);

    /** {@code msg} is a {@code struct msghdr} (56 bytes) whose pointers point into native memory. */
    static native long recvmsg(int fd, Pointer msg, int flags);

    /** {@code fds} is a {@code struct pollfd[]}, {@code timeout} a {@code struct timespec}. */
    static native int ppoll(byte[] fds, long nfds, byte[] timeout, Pointer sigmask);

    static native int setsockopt(int fd, int level, int name, byte[] value, int len);

    static native int ioctl(int fd, long request, byte[] arg);

    static native int close(int fd);

    static native int if_nametoindex(String name);

    /** The errno of the last call on this thread. */
    static int errno() {
        return Native.getLastError();
    }

    /** Forces JNA and libc to load now. */
    static void load() {
        // class initialisation does the work
    }
}
