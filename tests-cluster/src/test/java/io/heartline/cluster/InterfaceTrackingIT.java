package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interface tracking: heartbeats run on their own network (eth1), the VIP on the LAN (eth0). When
 * the owner's LAN interface loses its carrier (or is set down) while heartbeats still flow, the
 * group moves to the peer; the owner refuses it (OFFLINE) until its interface is up again, and
 * then (failback manual) the group stays where it is. Safety: never two running holders, and one
 * owner at the end.
 */
class InterfaceTrackingIT extends LabTest {
    Lab lab;
    HeartlinePair pair;
    VipWatch vip;
    ClientPoller client;

    void start() {
        lab = lab(b -> b.network(Network.LAN).network(Network.HEARTBEAT).nodes("node-a", "node-b").client("client"));
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        pair.withMedia(node -> "{ type = multicast, interface = eth1, group = \"239.192.76.3\", port = 7642 }");
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(10)));
    }

    @Test
    void theOwnersVipLinkLosingItsCarrierMovesTheGroupAndItStaysMovedWhenTheLinkReturns() {
        start();
        long cut = System.currentTimeMillis();
        lab.linkDown("node-a", "eth0");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> "ACTIVE".equals(pair.state("node-b")));
        long moved = System.currentTimeMillis() - cut;
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> "OFFLINE".equals(pair.state("node-a")));
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        assertTrue(journalHas("node-a", "vip-link-down"), "node-a journals the VIP link going down");
        assertTrue(journalHas("node-b", "peer-alive") && !journalHas("node-b", "peer-dead"),
                "heartbeats kept flowing on eth1: node-b never thought node-a dead");

        lab.linkUp("node-a", "eth0");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(pair.state("node-a")));
        assertTrue(journalHas("node-a", "vip-link-up"));
        await().pollDelay(Timing.scaled(Duration.ofSeconds(2))).atMost(Timing.scaled(Duration.ofSeconds(3)))
                .until(() -> true);
        assertEquals("ACTIVE", pair.state("node-b"), "failback manual: the group stays on node-b");
        assertEquals("STANDBY", pair.state("node-a"));
        assertEquals(Set.of("node-b"), vip.holders(), "one holder at the end");
        assertTrue(vip.intervalsWithTwoHolders().isEmpty(), "never two holders: " + vip.intervalsWithTwoHolders());
        System.out.printf("[interface tracking, carrier] group on node-b %d ms after node-a's eth0 lost its carrier;"
                + " client outage %s; two holders 0 ms%n", moved, client.outageAround(cut, "node-b").dark().toMillis() + " ms");
    }

    @Test
    void theOwnersVipLinkSetDownMovesTheGroup() {
        start();
        long cut = System.currentTimeMillis();
        lab.ifDown("node-a", "eth0");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> "ACTIVE".equals(pair.state("node-b")) && "OFFLINE".equals(pair.state("node-a")));
        long moved = System.currentTimeMillis() - cut;
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        lab.ifUp("node-a", "eth0");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> "STANDBY".equals(pair.state("node-a")));
        assertEquals("ACTIVE", pair.state("node-b"));
        assertTrue(vip.intervalsWithTwoHolders().isEmpty(), "never two holders: " + vip.intervalsWithTwoHolders());
        System.out.printf("[interface tracking, admin down] group on node-b %d ms after 'ip link set eth0 down' on node-a%n",
                moved);
    }

    private boolean journalHas(String node, String kind) {
        List<Map<String, Object>> entries = pair.journalEntries(node);
        return entries.stream().anyMatch(e -> kind.equals(e.get("kind")));
    }
}
