package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static io.heartline.takeover.Bytes.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArpProbeFrameTest {
    private static final byte[] OURS = unhex("02005e100001");
    private static final String PEER = "02005e100002";

    @Test
    void rfc5227ProbeEveryByte() throws Exception {
        assertEquals(hex(unhex(
                  "ffffffffffff 02005e100001 0806"          // Ethernet: broadcast, ARP
                + "0001 0800 06 04 0001"                    // Ethernet/IPv4, request
                + "02005e100001 00000000"                   // sender: our MAC, 0.0.0.0 (RFC 5227 §2.1.1)
                + "000000000000 0ac70a0a"                   // target: MAC zero, 10.199.10.10
                + "000000000000000000000000000000000000")), // padding to 60
                hex(ArpProbeFrame.probe(OURS, v4("10.199.10.10"))));
    }

    @Test
    void ordinaryRequestEveryByte() throws Exception {
        assertEquals(hex(unhex(
                  "ffffffffffff 02005e100001 0806"
                + "0001 0800 06 04 0001"
                + "02005e100001 0ac70a01"                   // sender: ours, 10.199.10.1
                + "000000000000 0ac70a02"                   // target: 10.199.10.2
                + "000000000000000000000000000000000000")),
                hex(ArpProbeFrame.request(OURS, v4("10.199.10.1"), v4("10.199.10.2"))));
    }

    @Test
    void replyFromTheHolderIsAnAnswer() throws Exception {
        byte[] reply = reply(PEER, "0ac70a02", "0002");
        assertEquals(Optional.of("02:00:5e:10:00:02"), ArpProbeFrame.answerer(reply, 42, v4("10.199.10.2"), OURS));
        assertEquals(Optional.of("02:00:5e:10:00:02"), ArpProbeFrame.answerer(reply, 60, v4("10.199.10.2"), OURS));
    }

    @Test
    void gratuitousRequestFromTheHolderIsAnAnswer() throws Exception {
        byte[] garp = GarpFrame.build(unhex(PEER), v4("10.199.10.10"));
        assertEquals(Optional.of("02:00:5e:10:00:02"), ArpProbeFrame.answerer(garp, garp.length, v4("10.199.10.10"), OURS));
    }

    @Test
    void whatIsNoAnswer() throws Exception {
        Inet4Address target = v4("10.199.10.2");
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(reply(PEER, "0ac70a03", "0002"), 60, target, OURS), "other address");
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(reply("02005e100001", "0ac70a02", "0002"), 60, target, OURS), "ours");
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(reply("010203040506", "0ac70a02", "0002"), 60, target, OURS), "multicast sender");
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(reply(PEER, "0ac70a02", "0003"), 60, target, OURS), "RARP op");
        byte[] probe = ArpProbeFrame.probe(unhex(PEER), target);
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(probe, 60, target, OURS), "another host's probe holds nothing");
        byte[] ipv6Type = reply(PEER, "0ac70a02", "0002");
        ipv6Type[17] = 0x01; // ptype 0x0801
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(ipv6Type, 60, target, OURS), "not IPv4");
    }

    @Test
    void truncatedAndGarbageFramesGiveNothingAndNeverThrow() throws Exception {
        Inet4Address target = v4("10.199.10.2");
        byte[] reply = reply(PEER, "0ac70a02", "0002");
        for (int length = 0; length < 42; length++) {
            assertEquals(Optional.empty(), ArpProbeFrame.answerer(reply, length, target, OURS), "length " + length);
        }
        assertEquals(Optional.empty(), ArpProbeFrame.answerer(new byte[10], 60, target, OURS), "length beyond the array");
        Random random = new Random(5227);
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(80)];
            random.nextBytes(garbage);
            if (garbage.length > 14 && random.nextBoolean()) {
                garbage[12] = 0x08;
                garbage[13] = 0x06;
            }
            ArpProbeFrame.answerer(garbage, garbage.length, target, OURS);
        }
    }

    /** An ARP packet from {@code sha}/{@code spa} to us, op as hex. */
    private static byte[] reply(String sha, String spa, String op) {
        return unhex("02005e100001" + sha + "0806" + "0001 0800 06 04" + op
                + sha + spa + "02005e100001 0ac70a01" + "000000000000000000000000000000000000");
    }

    private static Inet4Address v4(String ip) throws Exception {
        return (Inet4Address) InetAddress.getByName(ip);
    }
}
