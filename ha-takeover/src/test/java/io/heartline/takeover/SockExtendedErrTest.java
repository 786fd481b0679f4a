package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Control data as x86-64 Linux lays it out (little-endian, 8-byte cmsg alignment), written by hand. */
class SockExtendedErrTest {
    // cmsghdr: len 0x30 (16 + 16 + 16 = 48), level SOL_IP 0, type IP_RECVERR 11;
    // sock_extended_err: errno 111, origin 2 (ICMP), type 3, code 3, pad, info 0, data 0;
    // offender sockaddr_in: AF_INET 2, port 0, 10.0.0.2, zero[8].
    private static final String PORT_UNREACHABLE_V4 = "3000000000000000 00000000 0b000000"
            + " 6f000000 02 03 03 00 00000000 00000000"
            + " 0200 0000 0a000002 0000000000000000";
    // level SOL_IPV6 41, type IPV6_RECVERR 25; origin 3 (ICMP6), type 1, code 4;
    // offender sockaddr_in6: AF_INET6 10, port 0, flow 0, fd00:77::2, scope 0. len 16+16+28 = 60.
    private static final String PORT_UNREACHABLE_V6 = "3c00000000000000 29000000 19000000"
            + " 6f000000 03 01 04 00 00000000 00000000"
            + " 0a00 0000 00000000 fd000077000000000000000000000002 00000000";

    @Test
    void icmpPortUnreachableWithItsOffender() throws Exception {
        SockExtendedErr e = parse(PORT_UNREACHABLE_V4).orElseThrow();
        assertEquals(new SockExtendedErr(111, 2, 3, 3, Optional.of(InetAddress.getByName("10.0.0.2"))), e);
        assertTrue(e.portUnreachable());
        assertTrue(e.fromIcmp());
        assertEquals("port unreachable (ECONNREFUSED (connection refused: port unreachable)) from 10.0.0.2", e.toString());
    }

    @Test
    void icmpv6PortUnreachableWithItsOffender() throws Exception {
        SockExtendedErr e = parse(PORT_UNREACHABLE_V6).orElseThrow();
        assertEquals(new SockExtendedErr(111, 3, 1, 4, Optional.of(InetAddress.getByName("fd00:77::2"))), e);
        assertTrue(e.portUnreachable());
    }

    @Test
    void hostUnreachableIsAnErrorButNotAClosedPort() throws Exception {
        // ICMP type 3 code 1 (host unreachable), errno EHOSTUNREACH 113, sent by a router 10.0.0.254.
        SockExtendedErr e = parse(PORT_UNREACHABLE_V4.replace("6f000000 02 03 03", "71000000 02 03 01")
                .replace("0a000002", "0a0000fe")).orElseThrow();
        assertFalse(e.portUnreachable());
        assertTrue(e.fromIcmp());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.254")), e.offender());
        // ICMPv6 type 1 code 3 (address unreachable) is not a closed port either.
        assertFalse(parse(PORT_UNREACHABLE_V6.replace("03 01 04", "03 01 03")).orElseThrow().portUnreachable());
        // Nor is ICMP type 3 code 3 reported with the ICMPv6 origin, or a local error.
        assertFalse(parse(PORT_UNREACHABLE_V4.replace("02 03 03", "03 03 03")).orElseThrow().portUnreachable());
        SockExtendedErr local = parse(PORT_UNREACHABLE_V4.replace("02 03 03", "01 00 00")).orElseThrow();
        assertFalse(local.fromIcmp());
        assertFalse(local.portUnreachable());
    }

    @Test
    void anOffenderOfNoKnownFamilyIsEmpty() {
        assertEquals(Optional.empty(), parse(PORT_UNREACHABLE_V4.replace("0200 0000 0a000002", "0000 0000 0a000002"))
                .orElseThrow().offender());
    }

    @Test
    void otherControlMessagesBeforeItAreSkipped() {
        // SO_TIMESTAMP-like cmsg of 20 bytes (padded to 24), then ours.
        String other = "1400000000000000 01000000 1d000000 01020304 00000000";
        assertTrue(parse(other + PORT_UNREACHABLE_V4).orElseThrow().portUnreachable());
        assertEquals(Optional.empty(), parse(other), "no error message at all");
    }

    @Test
    void truncatedOrGarbageControlDataGivesNothingAndNeverThrows() {
        byte[] whole = Bytes.unhex(PORT_UNREACHABLE_V4);
        for (int length = 0; length < whole.length; length++) {
            Optional<SockExtendedErr> e = SockExtendedErr.fromControl(Arrays.copyOf(whole, length), length);
            assertTrue(e.isEmpty(), "truncated at " + length + ": " + e);
        }
        assertEquals(Optional.empty(), SockExtendedErr.fromControl(whole, whole.length + 1), "length past the buffer");
        assertEquals(Optional.empty(), SockExtendedErr.fromControl(whole, -1));
        assertEquals(Optional.empty(), SockExtendedErr.fromControl(null, 0));
        // A cmsg length of 0, or past the data, stops the walk.
        assertEquals(Optional.empty(), parse(PORT_UNREACHABLE_V4.replaceFirst("3000000000000000", "0000000000000000")));
        assertEquals(Optional.empty(), parse(PORT_UNREACHABLE_V4.replaceFirst("3000000000000000", "ffffffffffffff7f")));
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(128)];
            random.nextBytes(junk);
            if (junk.length >= 8 && random.nextBoolean()) {
                ByteBuffer.wrap(junk).order(ByteOrder.nativeOrder()).putLong(0, random.nextInt(junk.length + 1));
            }
            SockExtendedErr.fromControl(junk, junk.length); // must not throw
        }
    }

    private static Optional<SockExtendedErr> parse(String hex) {
        byte[] control = Bytes.unhex(hex);
        return SockExtendedErr.fromControl(control, control.length);
    }
}
