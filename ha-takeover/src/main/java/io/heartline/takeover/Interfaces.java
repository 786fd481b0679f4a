package io.heartline.takeover;

/** Interface name to index through {@code if_nametoindex(3)}. */
final class Interfaces {

    private Interfaces() {
    }

    /** The index of {@code iface}, or the negated errno when there is none. */
    static int index(String iface) {
        int index = LibC.if_nametoindex(iface);
        return index != 0 ? index : -Math.max(1, LibC.errno());
    }

    /** Why {@link #index} gave {@code -errno}: {@code no such interface 'eth9'}. */
    static String reason(String iface, int negatedErrno) {
        int errno = -negatedErrno;
        return errno == Errno.ENODEV || errno == Errno.ENXIO
                ? "no such interface '" + iface + "'"
                : "cannot look up interface '" + iface + "': " + Errno.describe(errno);
    }
}
