package io.heartline.daemon.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.config.PingConfig;
import io.heartline.membership.Event;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ping round in virtual time over a scripted socket: one request to each node, the replies
 * until the interval is over, then one {@link Event.PingNodes} with the newest answer.
 */
class PingServiceTest {
    static final long MS = 1_000_000L;
    final ManualClock clock = new ManualClock();
    final InetAddress gw = address("10.1.0.1");
    final InetAddress router = address("2001:db8::1");
    final FakeSocket socket = new FakeSocket();
    final List<Event> posted = new ArrayList<>();
    final PingService service = new PingService(new PingConfig(List.of(gw, router), Duration.ofMillis(100)), 300 * MS,
            clock, e -> posted.add(e.apply(clock.monotonicNanos())), socket);

    /** Sends succeed (or fail with the errno set for the address); replies come at scripted times. */
    final class FakeSocket implements EchoSocket {
        final List<String> sent = new ArrayList<>();
        final Deque<long[]> replies = new ArrayDeque<>(); // {at, seq, which (0 = gw, 1 = router, 2 = a stranger)}
        int errnoForRouter;

        @Override
        public int send(InetAddress to, int seq) {
            sent.add(to.getHostAddress() + "#" + seq);
            return to.equals(router) ? errnoForRouter : 0;
        }

        @Override
        public Answer receive(long nanos) {
            long until = clock.monotonicNanos() + nanos;
            long[] next = replies.peekFirst();
            if (next == null || next[0] > until) {
                clock.advance(Duration.ofNanos(nanos));
                return null;
            }
            replies.removeFirst();
            clock.advance(Duration.ofNanos(Math.max(0, next[0] - clock.monotonicNanos())));
            InetAddress from = next[2] == 0 ? gw : next[2] == 1 ? router : address("10.1.0.99");
            return new Answer(from, (int) next[1]);
        }

        @Override
        public void close() {
        }
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private Event.PingNodes lastPosted() {
        return (Event.PingNodes) posted.get(posted.size() - 1);
    }

    @Test
    void aRoundSendsToEveryNodeAndPostsTheNewestAnswerAtItsEnd() {
        clock.advance(Duration.ofSeconds(1));
        socket.replies.add(new long[] {1_000 * MS + 2 * MS, 1, 0});
        socket.replies.add(new long[] {1_000 * MS + 5 * MS, 1, 1});
        service.round();
        assertEquals(List.of("10.1.0.1#1", "2001:db8:0:0:0:0:0:1#1"), socket.sent);
        assertEquals(1_100 * MS, clock.monotonicNanos(), "the round lasts one interval");
        assertEquals(1, posted.size());
        Event.PingNodes p = lastPosted();
        assertEquals(1_005 * MS, p.lastAnswerAt());
        assertEquals("10.1.0.1 2.0ms, 2001:db8:0:0:0:0:0:1 5.0ms", p.detail());
    }

    @Test
    void noAnswerYetIsNeverAndSilenceIsCounted() {
        service.round();
        assertEquals(Long.MIN_VALUE, lastPosted().lastAnswerAt());
        assertEquals("10.1.0.1 never answered, 2001:db8:0:0:0:0:0:1 never answered", lastPosted().detail());
        socket.replies.add(new long[] {110 * MS, 2, 0});
        service.round();
        service.round();
        service.round();
        assertEquals(110 * MS, lastPosted().lastAnswerAt(), "the newest answer stays until a newer one");
        assertTrue(lastPosted().detail().startsWith("10.1.0.1 silent 290ms"), lastPosted().detail());
        assertEquals(4, posted.size(), "one event per round");
    }

    @Test
    void aLateReplyStillCountsButNotAStrangersOrAnUnsentRounds() {
        service.round(); // seq 1, no answer in its round
        socket.replies.add(new long[] {150 * MS, 1, 0}); // seq 1's reply, 150 ms late
        service.round();
        assertEquals(150 * MS, lastPosted().lastAnswerAt());
        assertEquals(150.0, (double) service.tracker().status(200 * MS, 300 * MS).get(0).get("rtt_ms"));
        socket.replies.add(new long[] {210 * MS, 3, 2}); // seq 3 from an address we do not ping
        socket.replies.add(new long[] {220 * MS, 999, 0}); // a round never sent
        service.round();
        assertEquals(150 * MS, lastPosted().lastAnswerAt());
    }

    @Test
    void aFailedSendIsShownWithItsErrno() {
        socket.errnoForRouter = 101;
        socket.replies.add(new long[] {1 * MS, 1, 0});
        service.round();
        assertTrue(lastPosted().detail().endsWith("2001:db8:0:0:0:0:0:1 never answered (send: errno 101 (ENETUNREACH: "
                + "network is unreachable))"), lastPosted().detail());
        assertEquals(1 * MS, lastPosted().lastAnswerAt(), "one node answering is enough");
    }

    @Test
    void statusSaysReachableWhileAnAnswerIsYoungerThanDeadtime() {
        socket.replies.add(new long[] {50 * MS, 1, 0});
        service.round();
        Map<String, Object> s = service.status();
        assertEquals(true, s.get("enabled"));
        assertEquals(true, s.get("reachable"));
        assertEquals(50L, s.get("last_answer_ms"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) s.get("nodes");
        assertEquals(true, nodes.get(0).get("reachable"));
        assertEquals(false, nodes.get(1).get("reachable"));
        assertEquals(null, nodes.get(1).get("rtt_ms"));
        clock.advance(Duration.ofMillis(250));
        assertEquals(false, service.status().get("reachable"), "300 ms after the last answer: deadtime is over");
    }

    @Test
    void metricsFollowTheTracker() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        service.metrics().bindTo(registry);
        assertEquals(0.0, registry.get("heartline.ping.reachable").tag("ping_node", "10.1.0.1").gauge().value());
        assertTrue(Double.isNaN(registry.get("heartline.ping.rtt").tag("ping_node", "10.1.0.1").gauge().value()));
        socket.replies.add(new long[] {4 * MS, 1, 0});
        service.round();
        assertEquals(1.0, registry.get("heartline.ping.reachable").tag("ping_node", "10.1.0.1").gauge().value());
        assertEquals(0.004, registry.get("heartline.ping.rtt").tag("ping_node", "10.1.0.1").gauge().value(), 1e-9);
        assertEquals(0.0, registry.get("heartline.ping.reachable").tag("ping_node", "2001:db8:0:0:0:0:0:1").gauge().value());
    }
}
