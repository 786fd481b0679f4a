package io.heartline.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.membership.Event;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a round's checks read for the decider, and the detail that says what was asked where. */
class ProbeFindingsTest {
    static final InetAddress PEER = address("10.77.0.2");
    static final InetSocketAddress PORT = new InetSocketAddress(PEER, 5407);
    static final NodeCheck ANSWERED = new NodeCheck("eth0", PEER, NodeCheck.State.ANSWERED, 180, "");
    static final NodeCheck SILENT = new NodeCheck("eth1", PEER, NodeCheck.State.SILENT, 5080, "");
    static final NodeCheck NOT_ASKED = NodeCheck.notAsked("eth2", PEER, "our eth2 has no carrier");
    static final DaemonCheck OPEN = new DaemonCheck(PORT, Event.Port.NOT_CLOSED, 5070, "");

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Event.Kernel kernel(NodeCheck... nodes) {
        return new ProbeFindings(List.of(nodes), OPEN, 0).kernel();
    }

    @Test
    void anAnswerOnAnyInterfaceIsAnsweredSilenceOnlyWhenEveryInterfaceWasAskedAndStayedSilent() {
        assertEquals(Event.Kernel.ANSWERED, kernel(ANSWERED));
        assertEquals(Event.Kernel.ANSWERED, kernel(SILENT, ANSWERED), "one link cut, the other answers");
        assertEquals(Event.Kernel.ANSWERED, kernel(NOT_ASKED, ANSWERED));
        assertEquals(Event.Kernel.SILENT, kernel(SILENT));
        assertEquals(Event.Kernel.SILENT, kernel(SILENT, SILENT));
        assertEquals(Event.Kernel.UNKNOWN, kernel(SILENT, NOT_ASKED), "a link not asked may be the one that reaches it");
        assertEquals(Event.Kernel.UNKNOWN, kernel(NOT_ASKED));
        assertEquals(Event.Kernel.UNKNOWN, kernel(), "no interface reaches it");
    }

    @Test
    void thePortIsClosedOnlyForAPortUnreachableAndNotClosedOnlyForNoError() {
        assertEquals(Event.Port.NOT_CLOSED, new ProbeFindings(List.of(), OPEN, 0).port());
        assertEquals(Event.Port.CLOSED, new ProbeFindings(List.of(),
                new DaemonCheck(PORT, Event.Port.CLOSED, 205, ""), 0).port());
        assertEquals(Event.Port.UNKNOWN, new ProbeFindings(List.of(),
                new DaemonCheck(PORT, Event.Port.UNKNOWN, 300, "host unreachable"), 0).port());
        assertEquals(Event.Port.UNKNOWN, new ProbeFindings(List.of(), DaemonCheck.notSent(PORT, "network unreachable"), 0).port());
    }

    @Test
    void theDetailSaysWhatWasAskedWhereWithTimesInMicroseconds() {
        ProbeFindings f = new ProbeFindings(List.of(ANSWERED, SILENT, NOT_ASKED),
                new DaemonCheck(PORT, Event.Port.CLOSED, 205, ""), 412_345);
        assertEquals("eth0 arp 10.77.0.2: answered after 180 us, eth1 arp 10.77.0.2: silent for 5080 us,"
                + " eth2 arp 10.77.0.2: not asked (our eth2 has no carrier); port 10.77.0.2:5407 closed after 205 us;"
                + " answered in 412 us", f.detail());
        assertEquals("no node check (no Ethernet interface of ours reaches it); port 10.77.0.2:5407 not probed"
                + " (Network is unreachable); answered in 0 us",
                new ProbeFindings(List.of(), DaemonCheck.notSent(PORT, "Network is unreachable"), 0).detail());
        assertEquals("eth0 ns fd00:0:0:0:0:0:0:2: silent for 5000 us; port 10.77.0.2:5407 other error after 300 us (host unreachable);"
                + " answered in 5 us", new ProbeFindings(List.of(new NodeCheck("eth0", address("fd00::2"),
                NodeCheck.State.SILENT, 5000, "")), new DaemonCheck(PORT, Event.Port.UNKNOWN, 300, "host unreachable"),
                5_000).detail());
    }
}
