package io.heartline.daemon.detect;

import io.heartline.takeover.ProbeResult;
import java.net.InetAddress;

/**
 * What the node check found on one interface: the peer's kernel answered ARP/NS, stayed silent
 * for the whole timeout, or was not asked there (our side has no carrier, the frame could not be
 * sent, the check's thread was still busy or ran late), with why.
 *
 * @param micros from the send to the first answer (ANSWERED) or to the end of the wait (SILENT); -1 when not asked
 */
record NodeCheck(String iface, InetAddress peer, State state, long micros, String why) {

    enum State {
        ANSWERED,
        SILENT,
        NOT_ASKED
    }

    static NodeCheck of(ProbeResult r) {
        return r.answered()
                ? new NodeCheck(r.iface(), r.target(), State.ANSWERED, r.firstAnswer().orElseThrow().toNanos() / 1000, "")
                : new NodeCheck(r.iface(), r.target(), State.SILENT, r.waited().toNanos() / 1000, "");
    }

    static NodeCheck notAsked(String iface, InetAddress peer, String why) {
        return new NodeCheck(iface, peer, State.NOT_ASKED, -1, why);
    }

    /** One part of the answer's detail, e.g. {@code eth0 arp 10.77.0.2: answered after 180 us}. */
    String describe() {
        String what = iface + (peer instanceof java.net.Inet6Address ? " ns " : " arp ") + peer.getHostAddress() + ": ";
        return what + switch (state) {
            case ANSWERED -> "answered after " + micros + " us";
            case SILENT -> "silent for " + micros + " us";
            case NOT_ASKED -> "not asked (" + why + ")";
        };
    }
}
