package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Item 3 of issue 14, stale VIPs after a crash, with real daemons in namespaces:
 * <ul>
 *   <li>the owner's daemon is killed with SIGKILL and {@code hactl cleanup-vips} runs in its
 *       namespace right after, as the unit's {@code ExecStopPost=} does: the VIP leaves the dead
 *       node before the peer claims it (the overlap of the two holders, from {@code ip monitor}
 *       stamps on both nodes, is printed and must be 0);</li>
 *   <li>start-up probes: a resource left running by hand on the backup is stopped when the
 *       backup's daemon starts, and its journal says so.</li>
 * </ul>
 * Default timing: interval 200 ms, deadtime 1 s.
 */
class StaleVipCleanupIT extends LabTest {
    Lab lab;
    HeartlinePair pair;
    VipWatch vip;

    void startPair(java.util.function.Function<String, String> resources, boolean backupToo) {
        lab = lab(b -> b.nodes("node-a", "node-b"));
        vip = lab.onClose(VipWatch.start(lab, HeartlinePair.VIP, "eth0"));
        pair = new HeartlinePair(lab);
        for (String node : lab.nodes()) {
            Flagsvc.install(pair.work().resolve(node).resolve("resource.d/flagsvc"));
        }
        pair.withNodeConfig(node -> "  resource-dir = \"" + pair.work().resolve(node).resolve("resource.d") + "\"");
        pair.withResources(resources);
        pair.start("node-a");
        if (backupToo) {
            pair.start("node-b");
        }
        pair.awaitActive("node-a", Duration.ofSeconds(15));
    }

    @Test
    void afterKill9TheCleanupCommandRemovesTheVipBeforeThePeerClaimsIt() {
        startPair(node -> "", true);
        AddressEvents eventsA = AddressEvents.start(lab, "node-a", HeartlinePair.VIP, "eth0");
        AddressEvents eventsB = AddressEvents.start(lab, "node-b", HeartlinePair.VIP, "eth0");
        await().pollDelay(300, TimeUnit.MILLISECONDS).until(() -> eventsA.alive() && eventsB.alive());
        assertTrue(lab.addresses("node-a", "eth0").stream().anyMatch(a -> a.startsWith(HeartlinePair.VIP + "/")));

        long crash = System.currentTimeMillis();
        pair.daemon("node-a").kill9();
        long dead = System.currentTimeMillis();
        // What systemd runs once the main process is gone (etc/heartline.service, ExecStopPost=)
        Shell.Result cleanup = lab.tryExec("node-a", pair.hactl().toString(), "cleanup-vips", "--config",
                pair.config("node-a").toString());
        long cleaned = System.currentTimeMillis();
        assertEquals(0, cleanup.exitCode(), cleanup.stderr() + cleanup.stdout());
        assertTrue(cleanup.stdout().contains("removed " + HeartlinePair.VIP + "/24 from eth0 (group web, owned here on disk)"),
                cleanup.stdout());
        assertTrue(lab.addresses("node-a", "eth0").stream().noneMatch(a -> a.startsWith(HeartlinePair.VIP + "/")));

        vip.awaitHolders(Timing.scaled(Duration.ofSeconds(10)), "node-b");
        long removedAt = await().atMost(Timing.scaled(Duration.ofSeconds(5)))
                .until(() -> lastChange(eventsA.events(), false), t -> t > 0);
        long claimedAt = await().atMost(Timing.scaled(Duration.ofSeconds(5)))
                .until(() -> lastChange(eventsB.events(), true), t -> t > 0);
        long overlap = Math.max(0, removedAt - claimedAt);
        System.out.printf("[stale VIP] kill -9 -> process gone %d ms; cleanup-vips ran %d ms (its own work: %s); VIP removed "
                        + "from node-a %d ms after the kill, node-b claimed it %d ms after the kill: two holders for %d ms%n",
                dead - crash, cleaned - dead, lastLine(cleanup.stdout()), removedAt - crash, claimedAt - crash, overlap);
        assertEquals(0, overlap, "node-a still held the VIP when node-b claimed it: " + vip);
        for (VipWatch.Interval i : vip.intervalsWithTwoHolders()) {
            throw new AssertionError("two holders seen by the watch: " + i + " in " + vip);
        }
        Map<String, Object> line = pair.journalEntries("node-a").stream()
                .filter(e -> "stale-vip-removed".equals(e.get("kind")) && "cleanup-vips".equals(e.get("by")))
                .findFirst().orElseThrow(() -> new AssertionError("no stale-vip-removed line by cleanup-vips in node-a's journal"));
        assertEquals("web", line.get("group"));

        // Run again (a second stop, or the unit's ExecStopPost after a clean stop): nothing left, a quick no-op.
        Shell.Result again = lab.tryExec("node-a", pair.hactl().toString(), "cleanup-vips", "--config",
                pair.config("node-a").toString());
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stdout().contains("0 VIP(s) removed, 0 failed, of 1 checked"), again.stdout());
        System.out.println("[stale VIP] second run (nothing up): " + again.took().toMillis() + " ms, " + lastLine(again.stdout()));

        // While a daemon runs (node-b's), the command touches nothing.
        Shell.Result running = lab.tryExec("node-b", pair.hactl().toString(), "cleanup-vips", "--config",
                pair.config("node-b").toString());
        assertEquals(0, running.exitCode(), running.stderr());
        assertTrue(running.stdout().contains("the daemon is running"), running.stdout());
        assertTrue(lab.addresses("node-b", "eth0").stream().anyMatch(a -> a.startsWith(HeartlinePair.VIP + "/")));
    }

    /** The stamp of the last event that made the node a holder ({@code holds}) or not; 0 if none yet. */
    static long lastChange(List<HoldingTimeline.Observation> events, boolean holds) {
        return events.stream().filter(o -> o.holds() == holds).mapToLong(HoldingTimeline.Observation::atMillis).max().orElse(0);
    }

    static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aResourceLeftRunningOnTheBackupIsStoppedByTheStartUpProbe() throws Exception {
        startPair(node -> """
                { name = hb, type = script, params { script = flagsvc, 1 = "%s" } }""".formatted(flagDir(node)), false);
        // started by hand on the backup, as an operator (or an init script at boot) might
        Shell.Result started = lab.tryExec("node-b", pair.work().resolve("node-b/resource.d/flagsvc").toString(),
                flagDir("node-b").toString(), "start");
        assertEquals(0, started.exitCode(), started.stderr());
        assertTrue(Files.exists(flagDir("node-b").resolve("running")));

        long t0 = System.currentTimeMillis();
        pair.start("node-b");
        await().atMost(Timing.scaled(Duration.ofSeconds(10))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> !Files.exists(flagDir("node-b").resolve("running")));
        long stoppedAfter = System.currentTimeMillis() - t0;
        Map<String, Object> probe = await().atMost(Timing.scaled(Duration.ofSeconds(5))).until(() -> pair.journalEntries("node-b")
                .stream().filter(e -> "startup-probe".equals(e.get("kind")) && "hb".equals(e.get("resource"))).findFirst()
                .orElse(null), e -> e != null);
        assertEquals("running", probe.get("result"), probe.toString());
        assertEquals("stopped", probe.get("action"), probe.toString());
        assertEquals(false, probe.get("owned_here_on_disk"));
        List<Map<String, Object>> vipProbe = pair.journalEntries("node-b").stream()
                .filter(e -> "startup-probe".equals(e.get("kind")) && "vip".equals(e.get("resource"))).toList();
        assertEquals("not-running", vipProbe.get(0).get("result"));
        await().during(Timing.scaled(Duration.ofSeconds(2))).atMost(Timing.scaled(Duration.ofSeconds(4)))
                .until(() -> "STANDBY".equals(pair.state("node-b")));
        assertFalse(Files.exists(flagDir("node-b").resolve("running")), "nothing started it again on the backup");
        assertTrue(Files.exists(flagDir("node-a").resolve("running")), "the owner runs it");
        System.out.println("[start-up probe] hb left running on node-b: stopped " + stoppedAfter + " ms after the daemon's launch; "
                + "journal: " + probe.get("cause"));
    }

    Path flagDir(String node) {
        return pair.work().resolve(node).resolve("hb");
    }
}
