package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static io.heartline.takeover.Bytes.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class GarpFrameTest {
    private static final byte[] MAC = unhex("02005e100001");

    @Test
    void everyByteOfTheRequestForm() throws Exception {
        byte[] frame = GarpFrame.build(MAC, (Inet4Address) InetAddress.getByName("10.199.1.10"));
        assertEquals(60, frame.length);
        assertEquals(hex(unhex(
                  "ffffffffffff"        // 0  destination: broadcast
                + "02005e100001"        // 6  source: our MAC
                + "0806"                // 12 ethertype ARP
                + "0001"                // 14 hardware type Ethernet
                + "0800"                // 16 protocol type IPv4
                + "06 04"               // 18 hardware / protocol address lengths
                + "0001"                // 20 operation: request
                + "02005e100001"        // 22 sender MAC
                + "0ac7010a"            // 28 sender IP = VIP
                + "ffffffffffff"        // 32 target MAC, as arping -U
                + "0ac7010a"            // 38 target IP = VIP
                + "000000000000000000000000000000000000")), // 42 padding to 60
                hex(frame));
    }

    @Test
    void macMustBeSixBytes() {
        assertThrows(IllegalArgumentException.class,
                () -> GarpFrame.build(new byte[8], (Inet4Address) InetAddress.getByName("10.0.0.1")));
    }
}
