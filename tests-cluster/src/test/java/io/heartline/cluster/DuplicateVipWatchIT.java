package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Duplicate VIPs, with real daemons in namespaces (issue 14, items 1 and 2):
 * <ul>
 *   <li>a foreign host (the client's namespace, no member) holds the VIP before the pair starts:
 *       the look before the claim sees its MAC, nobody claims, and the journal (alerted) names the
 *       MAC;</li>
 *   <li>the owner's daemon is killed with SIGKILL and nothing removes its VIP (no ExecStopPost):
 *       the peer takes over and its duplicate watch sees node-a still answering for the VIP,
 *       journals it with node-a's MAC, and the stale address goes once the unit's cleanup command
 *       runs.</li>
 * </ul>
 */
class DuplicateVipWatchIT extends LabTest {
    Lab lab;
    HeartlinePair pair;
    VipWatch vip;

    void lab() {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0", Duration.ofMillis(10),
                List.of("node-a", "node-b", "client")));
        pair = new HeartlinePair(lab);
    }

    @Test
    void aForeignHostHoldingTheVipBeforeTheStartIsNotClaimedOverAndItsMacIsNamed() {
        lab();
        lab.addAddress("client", "eth0", HeartlinePair.VIP + "/24");
        String foreignMac = lab.mac("client", "eth0");
        pair.start("node-a");
        pair.start("node-b");
        Map<String, Object> seen = await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> duplicate("node-a", true), Optional::isPresent).orElseThrow();
        assertEquals(foreignMac.toLowerCase(), String.valueOf(seen.get("mac")).toLowerCase(), "the journal names the foreign MAC");
        assertEquals(Boolean.TRUE, seen.get("foreign"));
        assertTrue(String.valueOf(seen.get("cause")).contains("in use by a foreign host"), String.valueOf(seen.get("cause")));
        await().pollDelay(Timing.scaled(Duration.ofSeconds(3))).atMost(Timing.scaled(Duration.ofSeconds(4))).until(() -> true);
        for (String node : lab.nodes()) {
            assertTrue(!"ACTIVE".equals(pair.state(node)), node + " runs the group beside a foreign host: " + pair.state(node));
        }
        assertEquals(java.util.Set.of("client"), vip.holders(), "only the foreign host holds the VIP");
        System.out.printf("[foreign host] nobody claimed; node-a: %s; node-b: %s; journal: %s%n", pair.state("node-a"),
                pair.state("node-b"), seen.get("cause"));
    }

    @Test
    void aCrashedOwnersStaleVipIsSeenByTheNewOwnersWatchUntilTheCleanupRemovesIt() {
        lab();
        pair.with("  garp { duplicate-check = 200ms }");
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        String macA = lab.mac("node-a", "eth0");
        long crash = System.currentTimeMillis();
        pair.daemon("node-a").kill9();
        pair.awaitActive("node-b", Duration.ofSeconds(10));
        long claimed = System.currentTimeMillis() - crash;
        Map<String, Object> seen = await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> duplicate("node-b", false), Optional::isPresent).orElseThrow();
        long watched = System.currentTimeMillis() - crash;
        assertEquals(macA.toLowerCase(), String.valueOf(seen.get("mac")).toLowerCase(), "node-b's watch names node-a's MAC");
        assertEquals("node-a", seen.get("member"));
        assertTrue(vip.maxHolders() >= 2, "both answered while node-a's stale VIP was up: " + vip);

        Shell.Result hook = lab.tryExec("node-a", pair.hactl().toString(), "cleanup-vips", "--config",
                pair.config("node-a").toString(), "--vip-list", pair.socket("node-a").resolveSibling("vips").toString());
        assertEquals(0, hook.exitCode(), hook.stderr() + hook.stdout());
        vip.awaitHolders(Timing.scaled(Duration.ofSeconds(5)), "node-b");
        long twoHolders = vip.intervalsWithTwoHolders().stream().mapToLong(i -> i.toEpochMillis() - i.fromEpochMillis()).sum();
        System.out.printf("[crash without cleanup] node-b ACTIVE %d ms after kill -9; its watch saw node-a (MAC %s) %d ms"
                        + " after it; re-announced: %s; two holders %d ms until the cleanup command ran; cause: %s%n",
                claimed, macA, watched, String.valueOf(seen.get("cause")).contains("re-announcing"), twoHolders, seen.get("cause"));
    }

    private Optional<Map<String, Object>> duplicate(String node, boolean beforeClaim) {
        return pair.journalEntries(node).stream()
                .filter(e -> "duplicate-vip".equals(e.get("kind")))
                .map(e -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = e.get("fields") instanceof Map<?, ?> m ? (Map<String, Object>) m : e;
                    Map<String, Object> out = new java.util.HashMap<>(fields);
                    out.put("cause", e.get("cause"));
                    return out;
                })
                .filter(f -> Boolean.valueOf(String.valueOf(f.get("before_claim"))) == beforeClaim)
                .findFirst();
    }
}
