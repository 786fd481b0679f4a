package io.heartline.takeover;

import static io.heartline.takeover.Bytes.hex;
import static io.heartline.takeover.Bytes.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NdpProbeFrameTest {
    private static final byte[] OURS = unhex("02005e100001");
    private static final String TARGET = "fd000199000000000000000000000010";
    private static final String SELF = "fd000199000000000000000000000001";

    @Test
    void dadSolicitationEveryByte() throws Exception {
        assertEquals(hex(unhex(
                  "3333ff000010 02005e100001 86dd"         // Ethernet: solicited-node group of ::10, IPv6
                + "60000000 0018 3a ff"                    // IPv6: payload 24, ICMPv6, hop limit 255
                + "00000000000000000000000000000000"       // source :: (RFC 4862 §5.4.2)
                + "ff0200000000000000000001ff000010"       // ff02::1:ff00:10
                + "87 00 7bee 00000000"                    // NS, code 0, checksum (computed independently)
                + TARGET)),                                // no source link-layer option with source ::
                hex(NdpProbeFrame.dad(OURS, v6("fd00:199::10"))));
    }

    @Test
    void ordinarySolicitationEveryByte() throws Exception {
        assertEquals(hex(unhex(
                  "3333ff000010 02005e100001 86dd"
                + "60000000 0020 3a ff"                    // payload 32
                + SELF
                + "ff0200000000000000000001ff000010"
                + "87 00 1c39 00000000"
                + TARGET
                + "01 01 02005e100001")),                  // source link-layer address option
                hex(NdpProbeFrame.solicitation(OURS, v6("fd00:199::1"), v6("fd00:199::10"))));
    }

    @Test
    void checksumOfBuiltFramesVerifies() throws Exception {
        assertEquals(0, NdpProbeFrame.checksum(NdpProbeFrame.dad(OURS, v6("fe80::1")), 24));
        byte[] unsolicited = UnsolicitedNaFrame.build(OURS, v6("fd00:199::10"));
        assertEquals(0, NdpProbeFrame.checksum(unsolicited, 32), "agrees with the GARP side's NA");
    }

    @Test
    void solicitedAdvertisementIsAnAnswer() throws Exception {
        assertEquals(Optional.of("02:00:5e:10:00:02"),
                NdpProbeFrame.answerer(advert(), 86, v6("fd00:199::10"), OURS));
    }

    @Test
    void dadAnswerToAllNodesIsAnAnswer() throws Exception {
        byte[] unsolicited = UnsolicitedNaFrame.build(unhex("02005e100003"), v6("fd00:199::10"));
        assertEquals(Optional.of("02:00:5e:10:00:03"),
                NdpProbeFrame.answerer(unsolicited, unsolicited.length, v6("fd00:199::10"), OURS));
    }

    @Test
    void withoutTargetLinkLayerOptionTheEthernetSourceAnswers() throws Exception {
        byte[] frame = unhex("02005e100001 02005e100004 86dd 60000000 0018 3a ff" + TARGET + SELF
                + "88 00 0000 60000000" + TARGET);
        fixChecksum(frame, 24);
        assertEquals(Optional.of("02:00:5e:10:00:04"), NdpProbeFrame.answerer(frame, 78, v6("fd00:199::10"), OURS));
    }

    @Test
    void whatIsNoAnswer() throws Exception {
        Inet6Address target = v6("fd00:199::10");
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(advert(), 86, v6("fd00:199::11"), OURS), "other target");
        byte[] badSum = advert();
        badSum[NdpProbeFrame.ICMP + 3] ^= 1;
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(badSum, 86, target, OURS), "checksum");
        byte[] routed = advert();
        routed[21] = (byte) 254;
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(routed, 86, target, OURS), "hop limit 254: came through a router");
        byte[] zeroOption = advert();
        zeroOption[NdpProbeFrame.ICMP + 25] = 0;
        fixChecksum(zeroOption, 32);
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(zeroOption, 86, target, OURS), "option of length 0");
        byte[] solicitation = NdpProbeFrame.solicitation(unhex("02005e100002"), v6("fd00:199::2"), target);
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(solicitation, 86, target, OURS), "another host's NS");
        byte[] ours = UnsolicitedNaFrame.build(OURS, target);
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(ours, 86, target, OURS), "our own NA");
    }

    @Test
    void truncatedAndGarbageFramesGiveNothingAndNeverThrow() throws Exception {
        Inet6Address target = v6("fd00:199::10");
        byte[] advert = advert();
        for (int length = 0; length < 86; length++) {
            assertEquals(Optional.empty(), NdpProbeFrame.answerer(advert, length, target, OURS), "length " + length);
        }
        assertEquals(Optional.empty(), NdpProbeFrame.answerer(new byte[20], 86, target, OURS), "length beyond the array");
        Random random = new Random(4861);
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = random.nextBoolean() ? new byte[random.nextInt(140)] : advert();
            if (garbage.length == 86) {
                garbage[14 + random.nextInt(72)] = (byte) random.nextInt(); // one field corrupted
            } else {
                random.nextBytes(garbage);
            }
            NdpProbeFrame.answerer(garbage, garbage.length, target, OURS);
        }
    }

    /** The peer's solicited answer to our ordinary NS: to us, flags S|O, target link-layer option. */
    private static byte[] advert() {
        return unhex("02005e100001 02005e100002 86dd 60000000 0020 3a ff" + TARGET + SELF
                + "88 00 b9a2 60000000" + TARGET + "02 01 02005e100002");
    }

    private static void fixChecksum(byte[] frame, int icmpLength) {
        frame[NdpProbeFrame.ICMP + 2] = 0;
        frame[NdpProbeFrame.ICMP + 3] = 0;
        int sum = NdpProbeFrame.checksum(frame, icmpLength);
        frame[NdpProbeFrame.ICMP + 2] = (byte) (sum >> 8);
        frame[NdpProbeFrame.ICMP + 3] = (byte) sum;
    }

    private static Inet6Address v6(String ip) throws Exception {
        return (Inet6Address) InetAddress.getByName(ip);
    }
}
