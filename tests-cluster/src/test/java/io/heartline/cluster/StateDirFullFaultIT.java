package io.heartline.cluster;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state directory (where the epoch is written before every claim, and the journal) on a small
 * tmpfs per node ({@link SmallStateDir}); the standby's is filled, or made read-only, and then
 * the owner dies (kill -9, and its VIP removed as a dead machine's would be). 2 nodes, fencing off.
 * Read-only is a read-only bind mount over the directory in the daemon's mount namespace
 * ({@link SmallStateDir#readOnly}): new files fail with EROFS, the open journal goes on.
 *
 * <p>Target (issue 13): no claim without the epoch on disk (the standby never holds the VIP while
 * its state directory cannot be written); an alert (the {@code journal} alert, delivered here by a
 * script channel that writes outside the tmpfs) and a line in the daemon's log; recovery when space
 * returns: the standby claims, and the epoch it serves with is the one on disk. The tmpfs is
 * unmounted when the lab closes, also when the test fails.
 */
class StateDirFullFaultIT extends FaultTest {
    static final Duration HELD = Duration.ofSeconds(3);
    static final Duration RECOVERY = Duration.ofSeconds(10);

    @Test
    void aFullStateDirectoryMeansNoClaimUntilSpaceReturns() {
        scenario(true);
    }

    @Test
    void aReadOnlyStateDirectoryMeansNoClaimUntilItIsWritable() {
        scenario(false);
    }

    void scenario(boolean full) {
        FaultCluster c = cluster(2, QUICK);
        Map<String, SmallStateDir> dirs = new HashMap<>();
        for (String node : c.nodes()) {
            dirs.put(node, SmallStateDir.mount(c.lab, node, c.pair.journal(node).getParent(), "8m"));
        }
        c.pair.withNodeConfig(node -> "  alerts { channels = [ { type = script, path = \"" + alertScript(c, node) + "\" } ] }");
        c.startAll();
        String what = full ? "full" : "read-only";
        FaultTable table = new FaultTable("StateDirFullFaultIT", "the standby's state directory " + what
                + " (tmpfs), then the owner dies; 2 nodes, fencing off");
        table.note("Target: no claim while the epoch cannot be written; an alert and a log line; the claim once it can.");
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = what + " #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String standby = c.others(owner).get(0);
                int logLines = c.pair.daemon(standby).outputLines().size();
                long from = System.currentTimeMillis();
                if (full) {
                    dirs.get(standby).fill();
                } else {
                    dirs.get(standby).readOnly(c.pair.daemon(standby).pid());
                }
                c.nemesis().kill9(owner);
                c.lab.deleteAddress(owner, "eth0", HeartlinePair.VIP + "/24");
                Nemesis.hold(HELD);
                long restored = System.currentTimeMillis();
                boolean heldWhileBroken = c.auditor().report(label, from, restored).timeline().segments().stream()
                        .anyMatch(s -> s.holders().contains(standby));
                List<String> alerts = alerts(c, standby, from);
                List<String> logged = c.pair.daemon(standby).outputLines().stream().skip(logLines)
                        .filter(l -> l.contains("ownership") || l.contains("event journal")).toList();
                if (full) {
                    dirs.get(standby).free();
                } else {
                    dirs.get(standby).writable(c.pair.daemon(standby).pid());
                }
                String end = c.auditor().settledOrNull(Duration.ofSeconds(1), RECOVERY);
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                long claimed = r.timeline().firstSoleHolding(standby);
                long onDisk = storedEpoch(c, standby);
                long serving = end == null ? -1 : ((Number) c.pair.group(standby).get("epoch")).longValue();
                table.add(r, String.format("%s %s; held the VIP while it was: %s; alerts %s; log lines %d; claimed %s after it"
                        + " was writable again; epoch served %d, on disk %d", standby, what, heldWhileBroken ? "yes" : "no",
                        alerts, logged.size(), claimed < 0 ? "never" : (claimed - restored) + " ms", serving, onDisk));
                String evidence = "\n" + r.history() + c.evidence(from) + "    log: " + logged;
                check(!heldWhileBroken, label, standby + " claimed without the epoch on disk" + evidence);
                check(!alerts.isEmpty(), label, "no alert while the state directory was " + what + evidence);
                check(!logged.isEmpty(), label, "no log line about the state directory" + evidence);
                check(standby.equals(end), label, standby + " did not claim once the directory was writable (holder " + end + ")"
                        + evidence);
                check(end == null || serving == onDisk, label, "serving epoch " + serving + " but " + onDisk + " on disk");
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
                c.pair.start(owner);
            }
        } finally {
            table.print();
        }
        assertNoFindings();
    }

    /** A script alert channel writing every alert's kind, severity and text to a file outside the tmpfs. */
    static Path alertScript(FaultCluster c, String node) {
        Path dir = c.pair.work().resolve(node);
        Path script = dir.resolve("alert.sh");
        try {
            Files.createDirectories(dir);
            Files.writeString(script, "#!/bin/sh\necho \"$(date +%s%3N) $HEARTLINE_KIND $HEARTLINE_SEVERITY $HEARTLINE_WHAT\" >> "
                    + dir.resolve("alerts.log") + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /** The {@code journal} alerts {@code node} delivered since {@code from}. */
    static List<String> alerts(FaultCluster c, String node, long from) {
        Path log = c.pair.work().resolve(node).resolve("alerts.log");
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            return Files.readAllLines(log).stream().filter(l -> l.contains(" journal ") && Long.parseLong(l.split(" ")[0]) >= from)
                    .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The epoch of group web in {@code node}'s ownership.json, or -1. */
    static long storedEpoch(FaultCluster c, String node) {
        Path file = c.pair.journal(node).resolveSibling("ownership.json");
        try {
            if (!Files.exists(file)) {
                return -1;
            }
            Object web = JSON.std.mapFrom(Files.readString(file)).get(HeartlinePair.GROUP);
            return web instanceof Map<?, ?> m && m.get("epoch") instanceof Number n ? n.longValue() : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
