package io.heartline.takeover;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Classic BPF programs ({@code struct sock_filter[]}, host order) that the kernel runs on every
 * frame before it reaches a probe socket, so the socket queues only what may answer a probe:
 * incoming ARP requests and replies on the ARP socket, incoming ICMPv6 neighbour advertisements
 * (no extension headers) on the IPv6 socket. Frames we send ourselves are dropped. The precise
 * checks (target, checksum, MAC) stay in {@link ArpProbeFrame} and {@link NdpProbeFrame}. Pure.
 */
final class ProbeFilter {
    static final int SNAP = 512;
    private static final int LD_W_ABS = 0x20;
    private static final int LD_H_ABS = 0x28;
    private static final int LD_B_ABS = 0x30;
    private static final int JEQ_K = 0x15;
    private static final int RET_K = 0x06;
    private static final int PKTTYPE = 0xfffff000 + 4; // SKF_AD_OFF + SKF_AD_PKTTYPE
    private static final int PACKET_OUTGOING = 4;

    private ProbeFilter() {
    }

    /** ARP op 1 or 2, not outgoing. */
    static byte[] arp() {
        return program(
                insn(LD_W_ABS, 0, 0, PKTTYPE),
                insn(JEQ_K, 4, 0, PACKET_OUTGOING),  // → drop
                insn(LD_H_ABS, 0, 0, 20),            // ARP op
                insn(JEQ_K, 1, 0, 2),                // reply → accept
                insn(JEQ_K, 0, 1, 1),                // request → accept, else drop
                insn(RET_K, 0, 0, SNAP),
                insn(RET_K, 0, 0, 0));
    }

    /** IPv6 next header ICMPv6, ICMPv6 type 136, not outgoing. */
    static byte[] neighbourAdvertisements() {
        return program(
                insn(LD_W_ABS, 0, 0, PKTTYPE),
                insn(JEQ_K, 5, 0, PACKET_OUTGOING),  // → drop
                insn(LD_B_ABS, 0, 0, 20),            // IPv6 next header
                insn(JEQ_K, 0, 3, 58),               // not ICMPv6 → drop
                insn(LD_B_ABS, 0, 0, 54),            // ICMPv6 type
                insn(JEQ_K, 0, 1, 136),              // NA → accept, else drop
                insn(RET_K, 0, 0, SNAP),
                insn(RET_K, 0, 0, 0));
    }

    /** Number of instructions in a program. */
    static int length(byte[] program) {
        return program.length / 8;
    }

    private static byte[] program(byte[]... insns) {
        ByteBuffer b = ByteBuffer.allocate(insns.length * 8);
        for (byte[] insn : insns) {
            b.put(insn);
        }
        return b.array();
    }

    /** {@code struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }} */
    private static byte[] insn(int code, int jt, int jf, int k) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putShort((short) code).put((byte) jt).put((byte) jf).putInt(k).array();
    }
}
