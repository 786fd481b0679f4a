package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IpCommandOutputTest {
    private static final String V4 =
            "2: hlv0    inet 10.199.1.10/24 brd 10.199.1.255 scope global hlv0\\       valid_lft forever preferred_lft forever\n"
          + "2: hlv0    inet 10.199.2.1/16 scope global hlv0\\       valid_lft forever preferred_lft forever\n";
    private static final String V6 =
            "2: hlv0    inet6 fd00:199::10/64 scope global nodad \\       valid_lft forever preferred_lft forever\n"
          + "2: hlv0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever\n";

    @Test
    void findsTheExactAddressAndItsPrefix() throws Exception {
        assertEquals(OptionalInt.of(24), IpCommandOutput.prefixOf(V4, InetAddress.getByName("10.199.1.10")));
        assertEquals(OptionalInt.of(16), IpCommandOutput.prefixOf(V4, InetAddress.getByName("10.199.2.1")));
        assertEquals(OptionalInt.empty(), IpCommandOutput.prefixOf(V4, InetAddress.getByName("10.199.1.1")));
        assertEquals(OptionalInt.of(64), IpCommandOutput.prefixOf(V6, InetAddress.getByName("fd00:199:0::10")));
        assertEquals(OptionalInt.empty(), IpCommandOutput.prefixOf(V6, InetAddress.getByName("fd00:199::1")));
    }

    @Test
    void recognisesAMissingDevice() {
        assertTrue(IpCommandOutput.noSuchDevice("Cannot find device \"nosuch0\"\n"));
        assertTrue(IpCommandOutput.noSuchDevice("Device \"nosuch0\" does not exist.\n"));
        assertFalse(IpCommandOutput.noSuchDevice("RTNETLINK answers: Operation not permitted\n"));
    }
}
