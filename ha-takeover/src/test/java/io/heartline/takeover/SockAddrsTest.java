package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static io.heartline.takeover.Bytes.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SockAddrsTest {

    @BeforeAll
    static void littleEndian() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "Heartline runs on little-endian 64-bit Linux only");
    }

    @Test
    void packetAddressHasEthertypeInNetworkOrder() {
        assertEquals(hex(unhex("1100 0806 07000000 0100 00 06 ffffffffffff 0000")),
                hex(SockAddrs.packet(7, 0x0806, GarpFrame.BROADCAST)));
    }

    @Test
    void netlinkKernelAddress() {
        assertEquals(hex(unhex("1000 0000 00000000 00000000")), hex(SockAddrs.netlinkKernel()));
    }

    @Test
    void timeval() {
        assertEquals(hex(unhex("0200000000000000 20a1070000000000")), hex(SockAddrs.timeval(Duration.ofMillis(2500))));
    }

    @Test
    void ifreqHoldsTheNameAndRejectsLongOnes() {
        byte[] req = SockAddrs.ifreq("eth0");
        assertEquals(40, req.length);
        assertEquals("6574683000", hex(req).substring(0, 10));
        assertThrows(IllegalArgumentException.class, () -> SockAddrs.ifreq("a-very-long-name0"));
    }
}
