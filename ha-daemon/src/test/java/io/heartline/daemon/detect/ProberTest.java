package io.heartline.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.NodeId;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import io.heartline.takeover.TakeoverException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A probe round against fake probes: every interface and the daemon check at once, read the
 * decider's way; failures, no carrier and late checks are "not asked"; a closed port ends the round
 * without waiting; a newer round for the same peer replaces an older one still waiting.
 */
class ProberTest {
    static final NodeId B = new NodeId("node-b");
    static final InetAddress PEER = ProbeFindingsTest.address("10.77.0.2");
    static final InetSocketAddress PORT = new InetSocketAddress(PEER, 5407);
    static final long TIMEOUT = Duration.ofMillis(5).toNanos();

    final ManualClock clock = new ManualClock();
    final FakeProbes.Neighbour eth0 = new FakeProbes.Neighbour(() -> FakeProbes.answered(PEER, "eth0", 180));
    final FakeProbes.Neighbour eth1 = new FakeProbes.Neighbour(() -> FakeProbes.answered(PEER, "eth1", 150));
    final FakeProbes.Daemon daemon = new FakeProbes.Daemon(() -> FakeProbes.open(PORT, Duration.ofMillis(5)));
    final Map<String, Boolean> carrier = new java.util.concurrent.ConcurrentHashMap<>(Map.of("eth0", true, "eth1", true));
    final BlockingQueue<Object[]> answered = new LinkedBlockingQueue<>();
    Prober prober;
    /**
     * The round's grace for the node checks, in real time (the clock is manual): generous, so a loaded
     * machine does not turn an immediate fake answer into "ran late"; the tests of lateness set the real one.
     */
    long grace = Duration.ofSeconds(5).toNanos();

    Prober prober(String... ifaces) {
        Map<String, IfaceWorker> workers = new LinkedHashMap<>();
        List<ProbeRoutes.NodeCheckRoute> checks = new java.util.ArrayList<>();
        for (String iface : ifaces) {
            FakeProbes.Neighbour n = iface.equals("eth0") ? eth0 : eth1;
            workers.put(iface, new IfaceWorker(iface, n, () -> carrier.get(iface)));
            checks.add(new ProbeRoutes.NodeCheckRoute(iface, PEER, ProbeFindingsTest.address(iface.equals("eth0")
                    ? "10.77.0.1" : "10.78.0.1")));
        }
        ProbeRoutes routes = new ProbeRoutes(Map.of(B, new ProbeRoutes.Route(B, checks, PORT)));
        prober = new Prober(routes, clock, daemon, workers, (p, f) -> answered.add(new Object[] {p, f}), null, grace);
        return prober;
    }

    @AfterEach
    void close() {
        eth0.held.countDown();
        eth1.held.countDown();
        daemon.held.countDown();
        if (prober != null) {
            prober.close();
        }
    }

    ProbeFindings round(Prober p) {
        return p.round(new Action.ProbePeer(B, 1, TIMEOUT));
    }

    @Test
    void aCrashedDaemonsKernelAnswersAndItsPortIsClosed() {
        CountDownLatch kernelAnswered = new CountDownLatch(1);
        eth0.answer = () -> {
            kernelAnswered.countDown();
            return FakeProbes.answered(PEER, "eth0", 180);
        };
        daemon.held = kernelAnswered; // as on the wire: the ARP answer comes, the port unreachable with it
        daemon.answer = () -> FakeProbes.closed(PORT, 205);
        ProbeFindings f = round(prober("eth0"));
        assertEquals(Event.Kernel.ANSWERED, f.kernel());
        assertEquals(Event.Port.CLOSED, f.port());
        assertEquals(List.of("eth0 10.77.0.1->10.77.0.2 5ms"), eth0.asked);
        assertEquals(List.of("10.77.0.2:5407 5ms"), daemon.asked);
    }

    @Test
    void aDeadNodeIsSilentOnEveryInterfaceAndItsPortGivesNoError() {
        eth0.answer = () -> FakeProbes.silent(PEER, "eth0", Duration.ofMillis(5));
        eth1.answer = () -> FakeProbes.silent(PEER, "eth1", Duration.ofMillis(5));
        ProbeFindings f = round(prober("eth0", "eth1"));
        assertEquals(Event.Kernel.SILENT, f.kernel(), f.detail());
        assertEquals(Event.Port.NOT_CLOSED, f.port());
        assertEquals(1, eth0.asked.size());
        assertEquals(1, eth1.asked.size(), "every interface is asked");
    }

    @Test
    void oneInterfaceAnsweringIsEnoughAndOneWithoutCarrierIsNotAsked() {
        eth0.answer = () -> FakeProbes.silent(PEER, "eth0", Duration.ofMillis(5));
        ProbeFindings both = round(prober("eth0", "eth1"));
        assertEquals(Event.Kernel.ANSWERED, both.kernel(), both.detail());

        carrier.put("eth1", false);
        ProbeFindings oneDown = round(prober);
        assertEquals(Event.Kernel.UNKNOWN, oneDown.kernel(), "silent on eth0, eth1 not asked: " + oneDown.detail());
        assertTrue(oneDown.detail().contains("eth1 arp 10.77.0.2: not asked (our eth1 has no carrier)"), oneDown.detail());
        assertEquals(1, eth1.asked.size(), "no frame goes out on a link without carrier");
    }

    @Test
    void probesThatCannotBeSentSayWhyAndProveNothing() {
        eth0.answer = () -> {
            throw new TakeoverException("cannot probe 10.77.0.2 on eth0: interface is down (ENETDOWN)");
        };
        daemon.answer = () -> {
            throw new TakeoverException("cannot probe 10.77.0.2 port 5407: Network is unreachable");
        };
        ProbeFindings f = round(prober("eth0"));
        assertEquals(Event.Kernel.UNKNOWN, f.kernel());
        assertEquals(Event.Port.UNKNOWN, f.port());
        assertTrue(f.detail().contains("not asked (cannot probe 10.77.0.2 on eth0: interface is down (ENETDOWN))"), f.detail());
        assertTrue(f.detail().contains("not probed (cannot probe 10.77.0.2 port 5407: Network is unreachable)"), f.detail());
    }

    @Test
    void aNodeCheckWhoseThreadRunsLateIsNotAskedNotSilent() {
        grace = Prober.GRACE_NANOS;
        eth0.held = new CountDownLatch(1);
        eth0.answer = () -> FakeProbes.silent(PEER, "eth0", Duration.ofMillis(5));
        ProbeFindings f = round(prober("eth0"));
        assertEquals(Event.Kernel.UNKNOWN, f.kernel(), f.detail());
        assertTrue(f.detail().contains("its thread ran late"), f.detail());
    }

    @Test
    void aClosedPortEndsTheRoundWithoutWaitingForTheKernel() {
        grace = Prober.GRACE_NANOS;
        eth0.held = new CountDownLatch(1); // would be late: the round must not wait for it
        daemon.answer = () -> FakeProbes.closed(PORT, 205);
        ProbeFindings f = round(prober("eth0"));
        assertEquals(Event.Port.CLOSED, f.port());
        assertTrue(f.detail().contains("not waited for: its daemon's port is closed"), f.detail());
    }

    @Test
    void aNewerRoundForTheSamePeerReplacesTheOneStillWaiting() throws Exception {
        daemon.held = new CountDownLatch(1);
        Prober p = prober("eth0");
        p.start();
        p.offer(new Action.ProbePeer(B, 1, TIMEOUT));
        assertTrue(daemon.entered.await(30, TimeUnit.SECONDS), "round 1 began");
        p.offer(new Action.ProbePeer(B, 2, TIMEOUT)); // waits behind round 1 ...
        p.offer(new Action.ProbePeer(B, 3, TIMEOUT)); // ... and is replaced by round 3
        daemon.held.countDown();
        assertEquals(1, round(answered.poll(30, TimeUnit.SECONDS)));
        assertEquals(3, round(answered.poll(30, TimeUnit.SECONDS)));
        assertEquals(1, p.replaced());
        assertEquals(2, daemon.asked.size(), "round 2 was never carried out");
    }

    @Test
    void closingStopsTheThreadsAndClosesEveryProber() {
        prober("eth0", "eth1").start();
        prober.close();
        assertTrue(eth0.closed && eth1.closed && daemon.closed);
        prober = null;
    }

    private static long round(Object[] answer) {
        assertNotNull(answer, "no answer within 30 s");
        return ((Action.ProbePeer) answer[0]).round();
    }
}
