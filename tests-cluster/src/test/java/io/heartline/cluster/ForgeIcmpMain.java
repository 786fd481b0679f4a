package io.heartline.cluster;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A hostile peer for {@link DaemonPortProbeIT}: {@code ForgeIcmpMain ADDRESS PORT wrong|right}.
 * Holds the probe port open (so the kernel itself sends no error), and answers every probe with a
 * forged ICMP port unreachable from a raw socket, quoting the probe with its nonce altered
 * ({@code wrong}) or intact ({@code right}, what an on-path host that reads the probe could send).
 * IPv4 only. Prints {@code forging} once bound, then {@code forged N} per answer.
 */
public final class ForgeIcmpMain {
    private ForgeIcmpMain() {
    }

    static final class C {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int socket(int domain, int type, int protocol);

        static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen);
    }

    public static void main(String[] args) throws Exception {
        InetAddress self = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        boolean right = args[2].equals("right");
        int raw = C.socket(2, 3, 1); // AF_INET, SOCK_RAW, IPPROTO_ICMP
        if (raw < 0) {
            throw new IllegalStateException("raw socket: errno " + Native.getLastError());
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(self, port))) {
            System.out.println("forging on " + args[0] + " port " + port);
            byte[] buf = new byte[512];
            for (int n = 1; ; n++) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] payload = java.util.Arrays.copyOf(p.getData(), p.getLength());
                if (!right) {
                    payload[payload.length - 1] ^= 0x5a;
                }
                byte[] icmp = portUnreachable((Inet4Address) p.getAddress(), p.getPort(), (Inet4Address) self, port, payload);
                byte[] to = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort((short) 2).putShort((short) 0)
                        .put(p.getAddress().getAddress()).array();
                long rc = C.sendto(raw, icmp, icmp.length, 0, to, to.length);
                System.out.println("forged " + n + " rc=" + rc + (rc < 0 ? " errno " + Native.getLastError() : ""));
            }
        }
    }

    /** ICMP type 3 code 3 quoting an IPv4 + UDP datagram from {@code src:sport} to {@code dst:dport}. */
    static byte[] portUnreachable(Inet4Address src, int sport, Inet4Address dst, int dport, byte[] payload) {
        ByteBuffer ip = ByteBuffer.allocate(20 + 8 + payload.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) ip.capacity()).putShort((short) 0x1234).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(src.getAddress()).put(dst.getAddress());
        ip.putShort(10, (short) checksum(ip.array(), 0, 20));
        ip.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        ByteBuffer icmp = ByteBuffer.allocate(8 + ip.capacity());
        icmp.put((byte) 3).put((byte) 3).putShort((short) 0).putInt(0).put(ip.array());
        icmp.putShort(2, (short) checksum(icmp.array(), 0, icmp.capacity()));
        return icmp.array();
    }

    static int checksum(byte[] b, int from, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((b[from + i] & 0xff) << 8) | (i + 1 < length ? b[from + i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
