package io.heartline.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.NodeId;
import io.heartline.daemon.TestConfig;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decider's ProbePeer in, one ProbeAnswer for its round out, counted and timed; with the detector off, UNKNOWN at once. */
class ProbeServiceTest {
    static final NodeId B = new NodeId("node-b");

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    final BlockingQueue<LongFunction<Event>> posted = new LinkedBlockingQueue<>();

    Event.ProbeAnswer next() throws InterruptedException {
        LongFunction<Event> e = posted.poll(30, TimeUnit.SECONDS);
        assertNotNull(e, "no answer within 30 s");
        return (Event.ProbeAnswer) e.apply(42);
    }

    @Test
    void aRoundIsAnsweredWithItsFindingsAndCountedAndTimed() throws Exception {
        InetAddress peer = InetAddress.getByName("10.77.0.2");
        java.net.InetSocketAddress port = new java.net.InetSocketAddress(peer, 5407);
        FakeProbes.Neighbour eth0 = new FakeProbes.Neighbour(() -> FakeProbes.answered(peer, "eth0", 180));
        FakeProbes.Daemon daemon = new FakeProbes.Daemon(() -> FakeProbes.open(port, Duration.ofMillis(5)));
        ProbeRoutes routes = new ProbeRoutes(Map.of(B, new ProbeRoutes.Route(B,
                List.of(new ProbeRoutes.NodeCheckRoute("eth0", peer, InetAddress.getByName("10.77.0.1"))), port)));
        ProbeMetrics metrics = new ProbeMetrics(List.of(B));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        ProbeService probes = new ProbeService(posted::add, metrics, routes, null, clock, daemon,
                Map.of("eth0", new IfaceWorker("eth0", eth0, () -> true)), null);
        try {
            assertEquals(0.0, registry.get("heartline.probes").tags("peer", "node-b", "kernel", "silent", "port", "closed")
                    .counter().count(), "every series exists from the start");
            probes.start();
            probes.probe(new Action.ProbePeer(B, 7, Duration.ofMillis(5).toNanos()));
            Event.ProbeAnswer a = next();
            assertEquals(new Event.ProbeAnswer(42, B, 7, Event.Kernel.ANSWERED, Event.Port.NOT_CLOSED, a.detail()), a);
            assertTrue(a.detail().startsWith("eth0 arp 10.77.0.2: answered after 180 us; port 10.77.0.2:5407 no error in 5000 us"),
                    a.detail());
            assertEquals(1.0, registry.get("heartline.probes").tags("peer", "node-b", "kernel", "answered", "port", "not_closed")
                    .counter().count());
            assertEquals(1, registry.get("heartline.probe.duration").tag("peer", "node-b").timer().count());
        } finally {
            probes.close();
        }
    }

    @Test
    void withTheDetectorOffNothingOpensAndAProbeIsAnsweredUnknownAtOnce() throws Exception {
        int free = ProbePortTest.freePort();
        var config = TestConfig.load(dir, "timing { interval = 200ms, deadtime = 1s, suspect-after = 1s, probe-port = "
                + free + " }");
        io.heartline.daemon.loop.Inbox inbox = new io.heartline.daemon.loop.Inbox((where, cause) -> {
            throw new AssertionError(where, cause);
        });
        ProbeService probes = ProbeService.open(config, List.of(InetAddress.getLoopbackAddress()), clock, inbox);
        try (var taken = java.nio.channels.DatagramChannel.open()) {
            taken.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), free)); // nothing holds it
            probes.start();
            probes.probe(new Action.ProbePeer(B, 3, 5_000_000));
            assertEquals(1, inbox.size(), "answered at once, on the caller's thread");
        } finally {
            probes.close();
        }

        ProbeService off = new ProbeService(posted::add, new ProbeMetrics(List.of(B)), null, null, clock, null, Map.of(), null);
        off.probe(new Action.ProbePeer(B, 3, 5_000_000));
        Event.ProbeAnswer a = next();
        assertEquals(new Event.ProbeAnswer(42, B, 3, Event.Kernel.UNKNOWN, Event.Port.UNKNOWN, a.detail()), a);
        assertTrue(a.detail().contains("detector was off when this daemon started"), a.detail());
    }
}
