package io.heartline.daemon.systemd;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The libc calls {@code sd_notify} needs, bound by JNA direct mapping (64-bit Linux: size_t is a
 * Java long). Bound to libc rather than libsystemd, which a minimal host may not have; Java 17's
 * own channels cannot send datagrams to a Unix socket. Calls return -1 on failure; read the
 * errno with {@link #errno()} right after.
 */
final class SdLibC {
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_NOSIGNAL = 0x4000;

    static {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            throw new UnsatisfiedLinkError("systemd notification needs 64-bit Linux, this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private SdLibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen);

    static native int close(int fd);

    /** The errno of the last call on this thread. */
    static int errno() {
        return Native.getLastError();
    }
}
