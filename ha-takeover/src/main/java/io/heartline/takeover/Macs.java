package io.heartline.takeover;

import java.util.HexFormat;

/** MAC address formatting. */
final class Macs {
    private Macs() {
    }

    /** {@code 02:00:5e:10:00:01} */
    static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }
}
