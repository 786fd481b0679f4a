package io.heartline.takeover;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address constants. */
final class Vips {
    static final InetAddress ANY_V4 = literal(new byte[4]);
    static final InetAddress ANY_V6 = literal(new byte[16]);

    private Vips() {
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
