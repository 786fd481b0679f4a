package io.heartline.takeover;

import static io.heartline.takeover.Bytes.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Runs the filters on a small classic-BPF interpreter of the five instructions they use. */
class ProbeFilterTest {
    private static final int HOST = 0;
    private static final int OUTGOING = 4;
    private static final byte[] MAC = unhex("02005e100002");

    @Test
    void arpFilterKeepsIncomingRequestsAndReplies() throws Exception {
        byte[] request = GarpFrame.build(MAC, (java.net.Inet4Address) InetAddress.getByName("10.0.0.1"));
        byte[] reply = request.clone();
        reply[21] = 2;
        byte[] rarp = request.clone();
        rarp[21] = 3;
        assertEquals(ProbeFilter.SNAP, run(ProbeFilter.arp(), request, HOST));
        assertEquals(ProbeFilter.SNAP, run(ProbeFilter.arp(), reply, HOST));
        assertEquals(0, run(ProbeFilter.arp(), rarp, HOST), "op 3");
        assertEquals(0, run(ProbeFilter.arp(), reply, OUTGOING), "our own frame");
    }

    @Test
    void ipv6FilterKeepsIncomingAdvertisementsOnly() throws Exception {
        Inet6Address target = (Inet6Address) InetAddress.getByName("fd00::10");
        byte[] advert = UnsolicitedNaFrame.build(MAC, target);
        byte[] solicitation = NdpProbeFrame.dad(MAC, target);
        byte[] udp = advert.clone();
        udp[20] = 17;
        assertEquals(ProbeFilter.SNAP, run(ProbeFilter.neighbourAdvertisements(), advert, HOST));
        assertEquals(0, run(ProbeFilter.neighbourAdvertisements(), solicitation, HOST), "NS");
        assertEquals(0, run(ProbeFilter.neighbourAdvertisements(), udp, HOST), "UDP");
        assertEquals(0, run(ProbeFilter.neighbourAdvertisements(), advert, OUTGOING), "our own frame");
        assertEquals(0, run(ProbeFilter.neighbourAdvertisements(), new byte[30], HOST), "short frame: the kernel returns 0 on an out-of-range load");
    }

    /** ld/ldh/ldb abs, jeq k, ret k; the packet-type extension; an out-of-range load ends with 0. */
    private static int run(byte[] program, byte[] frame, int pkttype) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        ByteBuffer packet = ByteBuffer.wrap(frame);
        int a = 0;
        for (int pc = 0; pc < ProbeFilter.length(program); pc++) {
            int op = Short.toUnsignedInt(code.getShort(pc * 8));
            int jt = code.get(pc * 8 + 2) & 0xff;
            int jf = code.get(pc * 8 + 3) & 0xff;
            int k = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x20 -> {
                    if (k == 0xfffff004) {
                        a = pkttype;
                    } else if (k + 4 > frame.length) {
                        return 0;
                    } else {
                        a = packet.getInt(k);
                    }
                }
                case 0x28 -> {
                    if (k + 2 > frame.length) {
                        return 0;
                    }
                    a = Short.toUnsignedInt(packet.getShort(k));
                }
                case 0x30 -> {
                    if (k + 1 > frame.length) {
                        return 0;
                    }
                    a = packet.get(k) & 0xff;
                }
                case 0x15 -> pc += a == k ? jt : jf;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("instruction " + op + " at " + pc);
            }
        }
        throw new AssertionError("program ran off its end");
    }
}
