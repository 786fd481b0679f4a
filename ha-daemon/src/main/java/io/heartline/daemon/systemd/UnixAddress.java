package io.heartline.daemon.systemd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code struct sockaddr_un} built from {@code NOTIFY_SOCKET}'s value: an absolute path, or an
 * abstract name written with a leading {@code '@'} (sent as a leading NUL byte, with the exact
 * length, as the kernel expects for abstract names). Pure: no JNA.
 *
 * @param bytes  the struct, family in host order, then the path
 * @param length the length to pass to the call ({@code sizeof(sa_family_t)} + the name's bytes,
 *               plus the terminating NUL for a path)
 */
record UnixAddress(byte[] bytes, int length) {
    /** {@code sizeof(sun_path)} on Linux. */
    static final int PATH_MAX = 108;

    /** @throws IllegalArgumentException naming the value when it is neither a path nor {@code @name}, or too long */
    static UnixAddress of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is empty");
        }
        boolean abstractName = value.charAt(0) == '@';
        if (!abstractName && value.charAt(0) != '/') {
            throw new IllegalArgumentException("NOTIFY_SOCKET='" + value
                    + "' is neither an absolute path nor an abstract name (@name)");
        }
        byte[] name = value.getBytes(StandardCharsets.UTF_8);
        if (abstractName) {
            name[0] = 0;
        }
        int pathBytes = abstractName ? name.length : name.length + 1;
        if (pathBytes > PATH_MAX) {
            throw new IllegalArgumentException("NOTIFY_SOCKET='" + value + "' is longer than a Unix socket address ("
                    + PATH_MAX + " bytes)");
        }
        ByteBuffer b = ByteBuffer.allocate(2 + PATH_MAX).order(ByteOrder.nativeOrder());
        b.putShort((short) SdLibC.AF_UNIX).put(name);
        return new UnixAddress(b.array(), 2 + pathBytes);
    }
}
