package io.heartline.daemon.ping;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls an ICMP echo needs, bound by JNA direct mapping (64-bit Linux: size_t is a Java
 * long). Java has no raw sockets, and {@code InetAddress.isReachable} blocks for its whole timeout
 * per address and falls back to TCP port 7 without privileges, so neither is used. Calls return -1
 * on failure; read the errno with {@link #errno()} right after.
 */
final class PingLibC {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_ICMPV6 = 58;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final short POLLIN = 1;
    static final int EPERM = 1;
    static final int EAGAIN = 11;

    static {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            throw new UnsatisfiedLinkError("ping nodes need 64-bit Linux, this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private PingLibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen);

    /** {@code addrLen} is a one-element array: the size of {@code addr} in, the address's length out. */
    static native long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] addrLen);

    /** {@code fds} is a {@code struct pollfd[]}, {@code timeout} a {@code struct timespec}. */
    static native int ppoll(byte[] fds, long nfds, byte[] timeout, Pointer sigmask);

    static native int setsockopt(int fd, int level, int name, byte[] value, int len);

    static native int close(int fd);

    /** The errno of the last call on this thread. */
    static int errno() {
        return Native.getLastError();
    }

    /** {@code errno 1 (EPERM: ...)} for the errors a ping meets most. */
    static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "errno 1 (EPERM: a raw ICMP socket needs root or CAP_NET_RAW)";
            case 13 -> "errno 13 (EACCES: permission denied)";
            case 97 -> "errno 97 (EAFNOSUPPORT: address family not supported)";
            case 101 -> "errno 101 (ENETUNREACH: network is unreachable)";
            case 113 -> "errno 113 (EHOSTUNREACH: no route to host)";
            case 105 -> "errno 105 (ENOBUFS: no buffer space available)";
            default -> "errno " + errno;
        };
    }
}
