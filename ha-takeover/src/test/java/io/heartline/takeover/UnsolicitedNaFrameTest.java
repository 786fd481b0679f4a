package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static io.heartline.takeover.Bytes.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UnsolicitedNaFrameTest {
    private static final byte[] MAC = unhex("02005e100001");

    @Test
    void everyByte() throws Exception {
        byte[] frame = UnsolicitedNaFrame.build(MAC, (Inet6Address) InetAddress.getByName("fd00:199::10"));
        assertEquals(86, frame.length);
        assertEquals(hex(unhex(
                  "333300000001 02005e100001 86dd"                  // Ethernet: all-nodes multicast, IPv6
                + "60000000 0020 3a ff"                             // IPv6: v6, payload 32, ICMPv6, hop limit 255
                + "fd000199000000000000000000000010"                // source: the VIP
                + "ff020000000000000000000000000001"                // destination: all nodes
                + "88 00 f93a"                                      // NA, code 0, checksum (computed independently)
                + "20000000"                                        // flags: Override only
                + "fd000199000000000000000000000010"                // target: the VIP
                + "02 01 02005e100001")),                           // target link-layer address option
                hex(frame));
    }
}
