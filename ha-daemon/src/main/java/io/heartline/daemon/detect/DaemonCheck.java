package io.heartline.daemon.detect;

import io.heartline.membership.Event;
import io.heartline.takeover.DaemonProbeResult;
import java.net.InetSocketAddress;

/**
 * What the daemon check found: the peer's probe port is closed (a port unreachable from the peer
 * that quoted our nonce), no error came back within the timeout, another ICMP error came back, or
 * the probe could not be sent.
 *
 * @param port   the decider's reading: CLOSED only for a port unreachable, NOT_CLOSED only for no error
 * @param micros from the send to the error, or to the end of the wait; -1 when not sent
 * @param what   the probe's own words (the error, or why it was not sent)
 */
record DaemonCheck(InetSocketAddress target, Event.Port port, long micros, String what) {

    static DaemonCheck of(DaemonProbeResult r) {
        return switch (r.outcome()) {
            case PORT_CLOSED -> new DaemonCheck(r.peer(), Event.Port.CLOSED, r.answer().orElseThrow().toNanos() / 1000, "");
            case NO_ERROR -> new DaemonCheck(r.peer(), Event.Port.NOT_CLOSED, r.waited().toNanos() / 1000, "");
            case ICMP_ERROR -> new DaemonCheck(r.peer(), Event.Port.UNKNOWN, r.answer().orElseThrow().toNanos() / 1000,
                    r.error().orElse("ICMP error"));
        };
    }

    static DaemonCheck notSent(InetSocketAddress target, String why) {
        return new DaemonCheck(target, Event.Port.UNKNOWN, -1, why);
    }

    /** One part of the answer's detail, e.g. {@code port 10.77.0.2:5407 closed after 205 us}. */
    String describe() {
        String host = target.getAddress() == null ? target.getHostString() : target.getAddress().getHostAddress();
        String where = "port " + host + ":" + target.getPort() + " ";
        if (micros < 0) {
            return where + "not probed (" + what + ")";
        }
        return where + switch (port) {
            case CLOSED -> "closed after " + micros + " us";
            case NOT_CLOSED -> "no error in " + micros + " us";
            case UNKNOWN -> "other error after " + micros + " us (" + what + ")";
        };
    }
}
