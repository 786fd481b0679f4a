package io.heartline.takeover;

import java.util.Map;

/** Linux errno values this module meets, with their names and texts for error messages. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;
    static final int ENETUNREACH = 101;
    static final int ECONNREFUSED = 111;
    static final int EHOSTUNREACH = 113;

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(EPERM, "EPERM (operation not permitted: needs root or CAP_NET_ADMIN/CAP_NET_RAW)"),
            Map.entry(ENOENT, "ENOENT (no such file or directory)"),
            Map.entry(EINTR, "EINTR (interrupted system call)"),
            Map.entry(ENXIO, "ENXIO (no such device or address)"),
            Map.entry(EAGAIN, "EAGAIN (resource temporarily unavailable or timed out)"),
            Map.entry(EACCES, "EACCES (permission denied)"),
            Map.entry(EBUSY, "EBUSY (device or resource busy)"),
            Map.entry(EEXIST, "EEXIST (file exists)"),
            Map.entry(ENODEV, "ENODEV (no such device)"),
            Map.entry(EINVAL, "EINVAL (invalid argument)"),
            Map.entry(95, "EOPNOTSUPP (operation not supported)"),
            Map.entry(EAFNOSUPPORT, "EAFNOSUPPORT (address family not supported)"),
            Map.entry(EADDRNOTAVAIL, "EADDRNOTAVAIL (cannot assign requested address)"),
            Map.entry(ENETDOWN, "ENETDOWN (network is down)"),
            Map.entry(ENOBUFS, "ENOBUFS (no buffer space available)"),
            Map.entry(ENETUNREACH, "ENETUNREACH (network is unreachable)"),
            Map.entry(ECONNREFUSED, "ECONNREFUSED (connection refused: port unreachable)"),
            Map.entry(EHOSTUNREACH, "EHOSTUNREACH (no route to host)"));

    private Errno() {
    }

    /** {@code EEXIST (file exists)}, or {@code errno 123} for one not in the table. */
    static String describe(int errno) {
        return TEXT.getOrDefault(Math.abs(errno), "errno " + Math.abs(errno));
    }
}
