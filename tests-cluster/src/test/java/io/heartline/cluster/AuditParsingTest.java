package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The auditor's parsers, on lines captured from {@code ip monitor} and {@code tcpdump} here. */
class AuditParsingTest {
    static final String VIP = "10.77.0.10";

    @Test
    void anAddressEventBecomesAnObservationStampedInUtc() {
        var added = AddressEvents.parse("node-a", VIP, "eth0", "[2026-12-06T23:42:46.897070] 3: eth0    inet 10.77.0.10/24 scope"
                + " global secondary eth0\\       valid_lft forever preferred_lft forever").orElseThrow();
        assertEquals(Instant.parse("2026-12-06T23:42:46.897Z").toEpochMilli(), added.atMillis());
        assertTrue(added.holds());
        var deleted = AddressEvents.parse("node-a", VIP, "eth0", "[2026-12-06T23:42:46.913789] Deleted 3: eth0    inet"
                + " 10.77.0.10/24 scope global secondary eth0\\       valid_lft forever preferred_lft forever").orElseThrow();
        assertEquals(false, deleted.holds());
    }

    @Test
    void otherAddressesInterfacesAndNoiseAreNotObservations() {
        assertTrue(AddressEvents.parse("node-a", VIP, "eth0", "[2026-12-06T23:42:46.883739] 3: eth0    inet 10.77.0.1/24 scope"
                + " global eth0").isEmpty());
        assertTrue(AddressEvents.parse("node-a", VIP, "eth0", "[2026-12-06T23:42:46.883739] 4: eth1    inet 10.77.0.10/24 scope"
                + " global eth1").isEmpty());
        assertTrue(AddressEvents.parse("node-a", "10.77.0.1", "eth0", "[2026-12-06T23:42:46.883739] 3: eth0    inet"
                + " 10.77.0.10/24 scope global eth0").isEmpty(), "10.77.0.1 is not a prefix match of 10.77.0.10");
        assertTrue(AddressEvents.parse("node-a", VIP, "eth0", "garbage").isEmpty());
    }

    @Test
    void gratuitousArpRequestsAndRepliesAreAnnouncementsOfTheirSender() {
        var request = ArpAudit.parseAnnouncement("1796600592.390927 02:68:6c:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806),"
                + " length 42: Request who-has 10.77.0.10 (ff:ff:ff:ff:ff:ff) tell 10.77.0.10, length 28", VIP).orElseThrow();
        assertEquals("02:68:6c:00:00:01", request.node());
        assertEquals(1796600592390L, request.atMillis());
        var reply = ArpAudit.parseAnnouncement("1796600593.436902 02:68:6c:00:00:02 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806),"
                + " length 42: Reply 10.77.0.10 is-at 02:68:6c:00:00:02, length 28", VIP).orElseThrow();
        assertEquals("02:68:6c:00:00:02", reply.node());
    }

    @Test
    void ordinaryArpIsNotAnAnnouncement() {
        // the prober's request, and a unicast reply to it
        assertTrue(ArpAudit.parseAnnouncement("1796600592.390927 02:68:6c:00:00:65 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806),"
                + " length 42: Request who-has 10.77.0.10 tell 10.77.0.101, length 28", VIP).isEmpty());
        assertTrue(ArpAudit.parseAnnouncement("1796600592.391000 02:68:6c:00:00:01 > 02:68:6c:00:00:65, ethertype ARP (0x0806),"
                + " length 42: Reply 10.77.0.10 is-at 02:68:6c:00:00:01, length 28", VIP).isEmpty());
    }
}
