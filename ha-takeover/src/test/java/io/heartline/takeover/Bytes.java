package io.heartline.takeover;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test helpers for comparing byte layouts as hex. */
final class Bytes {
    private Bytes() {
    }

    /** Hex of the remaining bytes, without consuming them. */
    static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }

    static String hex(byte[] a) {
        return HexFormat.of().formatHex(a);
    }

    /** Parses hex with spaces (and | separators) for readability. */
    static byte[] unhex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("[\\s|]", ""));
    }
}
