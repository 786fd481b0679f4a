package io.heartline.takeover;

import io.heartline.core.config.VipConfig;
import java.io.Closeable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends gratuitous ARP (IPv4) and unsolicited neighbour advertisements (IPv6) as whole
 * Ethernet frames on one AF_PACKET/SOCK_RAW socket, addressed per send with a
 * {@code sockaddr_ll} (interface index, ethertype, broadcast or all-nodes MAC).
 *
 * <p>The constructor loads JNA and opens the socket (~150 ms cold): build this at start-up and
 * call {@link #warmUp} with the VIP interfaces, so a send at takeover costs two ioctls and one
 * {@code sendto} (measured: ~15 us p50, ~0.5 ms for the first send of a JVM). The interface index and MAC are read at every send (SIOCGIFINDEX,
 * SIOCGIFHWADDR: microseconds, and correct in any network namespace), so a recreated interface
 * or a changed MAC is never announced stale. The socket is opened with protocol 0: it sends
 * only and never queues received frames.
 */
public final class RawSocketGarpSender implements GarpSender, Closeable {
    private static final Logger log = LoggerFactory.getLogger(RawSocketGarpSender.class);
    private static final long SIOCGIFINDEX = 0x8933;
    private static final int ARPHRD_ETHER = 1;

    private final int fd;
    private volatile boolean closed;

    public RawSocketGarpSender() throws TakeoverException {
        int s = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (s < 0) {
            throw new TakeoverException("cannot open AF_PACKET socket for gratuitous ARP: "
                    + Errno.describe(LibC.errno()));
        }
        this.fd = s;
        // load the frame builders now, not at takeover
        GarpFrame.build(new byte[6], (Inet4Address) Vips.ANY_V4);
        UnsolicitedNaFrame.build(new byte[6], (Inet6Address) Vips.ANY_V6);
    }

    /** Checks now that every interface exists and is Ethernet, so a takeover meets no surprise. */
    public void warmUp(Collection<String> ifaces) throws TakeoverException {
        for (String iface : ifaces) {
            Link link = link(iface, iface);
            log.debug("gratuitous ARP ready on {} (index {}, MAC {})", iface, link.index(), Macs.format(link.mac()));
        }
    }

    @Override
    public void send(VipConfig vip) throws TakeoverException {
        send(vip, 1);
    }

    @Override
    public void sendBoth(VipConfig vip) throws TakeoverException {
        send(vip, 1);
        if (vip.address() instanceof Inet4Address) {
            send(vip, 2);
        }
    }

    private void send(VipConfig vip, int op) throws TakeoverException {
        if (closed) {
            throw new TakeoverException("cannot announce " + vip + ": sender is closed");
        }
        Link link = link(vip.iface(), vip);
        byte[] frame;
        byte[] dest;
        if (vip.address() instanceof Inet4Address v4) {
            frame = GarpFrame.build(link.mac(), v4, op);
            dest = SockAddrs.packet(link.index(), GarpFrame.ETHERTYPE_ARP, GarpFrame.BROADCAST);
        } else {
            frame = UnsolicitedNaFrame.build(link.mac(), (Inet6Address) vip.address());
            dest = SockAddrs.packet(link.index(), UnsolicitedNaFrame.ETHERTYPE_IPV6, UnsolicitedNaFrame.ALL_NODES_MAC);
        }
        long n = LibC.sendto(fd, frame, frame.length, 0, dest, dest.length);
        if (n < 0) {
            int errno = LibC.errno();
            String reason = errno == Errno.ENETDOWN
                    ? "interface '" + vip.iface() + "' is down (ENETDOWN)"
                    : Errno.describe(errno);
            throw new TakeoverException("cannot announce " + vip + ": " + reason);
        }
    }

    /** Index and MAC of {@code iface}; {@code subject} (VIP or interface) names failures. */
    private Link link(String iface, Object subject) throws TakeoverException {
        byte[] req;
        try {
            req = SockAddrs.ifreq(iface);
        } catch (IllegalArgumentException e) {
            throw new TakeoverException("cannot announce " + subject + ": no such interface '" + iface + "' (name too long)");
        }
        ioctl(SIOCGIFINDEX, req, iface, subject);
        int index = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder()).getInt(SockAddrs.IFNAMSIZ);
        ioctl(LibC.SIOCGIFHWADDR, req, iface, subject);
        ByteBuffer hw = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        int type = Short.toUnsignedInt(hw.getShort(SockAddrs.IFNAMSIZ));
        if (type != ARPHRD_ETHER) {
            throw new TakeoverException("cannot announce " + subject + ": interface '" + iface
                    + "' is not Ethernet (hardware type " + type + ")");
        }
        byte[] mac = new byte[6];
        hw.get(SockAddrs.IFNAMSIZ + 2, mac);
        return new Link(index, mac);
    }

    private void ioctl(long request, byte[] req, String iface, Object subject) throws TakeoverException {
        if (LibC.ioctl(fd, request, req) < 0) {
            int errno = LibC.errno();
            String reason = errno == Errno.ENODEV
                    ? "no such interface '" + iface + "' (ENODEV)"
                    : "ioctl on '" + iface + "' failed: " + Errno.describe(errno);
            throw new TakeoverException("cannot announce " + subject + ": " + reason);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }

    private record Link(int index, byte[] mac) {
    }
}
