package io.heartline.daemon.detect;

import io.heartline.takeover.DaemonProbe;
import io.heartline.takeover.DaemonProbeResult;
import io.heartline.takeover.NeighbourProbe;
import io.heartline.takeover.ProbeResult;
import io.heartline.takeover.TakeoverException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Neighbour and daemon probes that answer what the test says, optionally held at a latch first. */
final class FakeProbes {
    private FakeProbes() {
    }

    /** What a fake answers: a result, or an exception to throw. */
    interface Answer<T> {
        T answer() throws TakeoverException;
    }

    static ProbeResult answered(InetAddress peer, String iface, long micros) {
        return new ProbeResult(peer, iface, List.of("02:00:00:00:00:02"), Optional.of(Duration.ofNanos(micros * 1000)),
                Duration.ofNanos(micros * 1000 + 10_000), 0);
    }

    static ProbeResult silent(InetAddress peer, String iface, Duration waited) {
        return new ProbeResult(peer, iface, List.of(), Optional.empty(), waited, 0);
    }

    static DaemonProbeResult open(InetSocketAddress peer, Duration waited) {
        return new DaemonProbeResult(peer, DaemonProbeResult.Outcome.NO_ERROR, Optional.empty(), Optional.empty(), waited, 0);
    }

    static DaemonProbeResult closed(InetSocketAddress peer, long micros) {
        return new DaemonProbeResult(peer, DaemonProbeResult.Outcome.PORT_CLOSED,
                Optional.of("port unreachable from " + peer.getAddress().getHostAddress()),
                Optional.of(Duration.ofNanos(micros * 1000)), Duration.ofNanos(micros * 1000 + 5_000), 0);
    }

    /** Held: the latch every call waits at until the test opens it (none: answers at once). */
    static final class Neighbour implements NeighbourProbe {
        final List<String> asked = new CopyOnWriteArrayList<>();
        volatile Answer<ProbeResult> answer;
        volatile CountDownLatch held = new CountDownLatch(0);
        volatile boolean closed;

        Neighbour(Answer<ProbeResult> answer) {
            this.answer = answer;
        }

        @Override
        public ProbeResult probeVip(String iface, InetAddress vip, Duration timeout) {
            throw new UnsupportedOperationException("the detector never probes a VIP");
        }

        @Override
        public ProbeResult probeNode(String iface, InetAddress peer, InetAddress self, Duration timeout)
                throws TakeoverException {
            asked.add(iface + " " + self.getHostAddress() + "->" + peer.getHostAddress() + " " + timeout.toMillis() + "ms");
            await(held);
            return answer.answer();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Daemon implements DaemonProbe {
        final List<String> asked = new CopyOnWriteArrayList<>();
        volatile Answer<DaemonProbeResult> answer;
        volatile CountDownLatch held = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean closed;

        Daemon(Answer<DaemonProbeResult> answer) {
            this.answer = answer;
        }

        @Override
        public DaemonProbeResult probe(InetSocketAddress peer, Duration timeout) throws TakeoverException {
            asked.add(peer.getAddress().getHostAddress() + ":" + peer.getPort() + " " + timeout.toMillis() + "ms");
            entered.countDown();
            await(held);
            return answer.answer();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the probe go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
