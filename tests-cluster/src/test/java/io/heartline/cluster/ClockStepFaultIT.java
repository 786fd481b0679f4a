package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The wall clock of one node (node-b) stepped an hour back, then an hour forward again, while the
 * pair runs (2 nodes, fencing off): nothing may happen, since every timeout runs on the monotonic
 * clock. Odd runs step the standby, even runs the owner (the group is handed to node-b first).
 *
 * <p>How the step is made without touching the host's clock (stepping that would disturb the
 * whole machine and CI): each daemon runs with Debian's {@code libfaketime} preloaded
 * ({@link FakeWallClock}: {@code LD_PRELOAD=libfaketimeMT.so.1}, {@code FAKETIME_TIMESTAMP_FILE}
 * re-read every second, {@code FAKETIME_DONT_FAKE_MONOTONIC=1}), and the test writes {@code -3600}
 * into that node's file, later {@code +0}. That this reaches the JVM is checked on every step, two
 * ways: the daemon's status reports its wall time ({@code time}) an hour off, and a journal line
 * written during the step (a {@code reload} request) carries a time stamp an hour off. The peer's
 * clock is not touched, so the two nodes also disagree by an hour for a while: beacons must not
 * care.
 *
 * <p>Checked per run: the same owner, the same epoch, no move, never two holders, and no
 * {@code peer-dead}, {@code late-beacon} or {@code transition} line in either journal.
 */
class ClockStepFaultIT extends FaultTest {
    static final long HOUR = 3600;
    static final Duration HOLD = Duration.ofSeconds(2);
    static final Set<String> NOTHING_HAPPENS = Set.of("peer-dead", "late-beacon", "transition", "pause-detected", "two-owners");

    /** QUICK, with an initdead that covers the daemons' start one after the other on a loaded machine. */
    static final String TIMING = "  timing { interval = 100ms, deadtime = 500ms, warntime = 300ms, initdead = 10s }";
    static final String STEPPED = "node-b";

    @Test
    void aWallClockSteppedAnHourBackAndForwardChangesNothing() {
        FaultCluster c = cluster(2, TIMING).audit();
        FakeWallClock clock = new FakeWallClock(c.pair.work().resolve(STEPPED));
        c.pair.start("node-a");
        c.pair.start(STEPPED, clock.env());
        c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
        FaultTable table = new FaultTable("ClockStepFaultIT", "wall clock of one node stepped -1 h then +1 h (libfaketime,"
                + " monotonic clock untouched), 2 nodes, fencing off");
        table.note("Target: nothing happens: same owner and epoch, no move, no peer-dead/late-beacon/transition line.");
        try {
            for (int run = 1; run <= runs(); run++) {
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String wanted = run % 2 == 1 ? "node-a" : STEPPED; // odd runs: the standby is stepped; even: the owner
                if (!wanted.equals(owner)) {
                    c.control(owner, "{\"cmd\":\"failover\",\"to\":\"" + wanted + "\"}");
                    owner = c.auditor().settledAwayFrom(owner, Duration.ofSeconds(1), Duration.ofSeconds(30));
                }
                String stepped = STEPPED;
                String label = "clock step on " + (stepped.equals(owner) ? "the owner" : "the standby") + " #" + run;
                long epoch = epoch(c, owner);
                Map<String, Integer> seen = new HashMap<>();
                c.nodes().forEach(n -> seen.put(n, c.journalOf(n).size()));
                long from = System.currentTimeMillis();
                clock.step(-HOUR);
                long backSeen = awaitWallOffset(c, stepped, -HOUR);
                long journalOffset = journaledOffset(c, stepped);
                Nemesis.hold(HOLD);
                clock.step(0);
                long forwardSeen = awaitWallOffset(c, stepped, 0);
                Nemesis.hold(HOLD);
                String end = c.auditor().settledOrNull(Duration.ofSeconds(1), Duration.ofSeconds(10));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                List<Map<String, Object>> happened = new java.util.ArrayList<>();
                for (String n : c.nodes()) {
                    c.journalOf(n).stream().skip(seen.get(n)).filter(e -> NOTHING_HAPPENS.contains(String.valueOf(e.get("kind"))))
                            .forEach(happened::add);
                }
                table.add(r, String.format("stepped %s; its wall clock read -1 h after %d ms and again real after %d ms; a journal"
                        + " line written during the step was %d s off; epoch %d -> %d; journal lines of note: %d", stepped,
                        backSeen, forwardSeen, journalOffset, epoch, epoch(c, owner), happened.size()));
                check(owner.equals(end) && r.timeline().moves() == 0, label, "the group moved to " + end + "\n" + r.history());
                check(r.twoHolders().isEmpty(), label, "two holders " + r.twoHolders());
                check(epoch == epoch(c, owner), label, "the epoch changed");
                check(happened.isEmpty(), label, "journal: " + happened);
                check(Math.abs(journalOffset + HOUR) < 10, label, "the step did not reach the journal: offset " + journalOffset + " s");
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
            }
        } finally {
            table.print();
        }
        assertNoFindings();
    }

    static long epoch(FaultCluster c, String node) {
        return ((Number) c.pair.group(node).get("epoch")).longValue();
    }

    /** Waits until {@code node}'s daemon reports a wall time {@code offsetSeconds} off the real one; returns the ms it took. */
    static long awaitWallOffset(FaultCluster c, String node, long offsetSeconds) {
        long start = System.currentTimeMillis();
        await(node + "'s wall clock " + offsetSeconds + " s off").atMost(Timing.scaled(Duration.ofSeconds(10)))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    long now = System.currentTimeMillis();
                    Map<String, Object> status = c.control(node, "{\"cmd\":\"status\"}");
                    Object time = status.get("time");
                    if (time == null && status.get("result") instanceof Map<?, ?> inner) {
                        time = inner.get("time");
                    }
                    return time != null && Math.abs(Instant.parse(time.toString()).toEpochMilli() - now - offsetSeconds * 1000) < 5000;
                });
        return System.currentTimeMillis() - start;
    }

    /** Asks {@code node} to reload (a journaled no-op) and returns how far its line's time stamp is off the real clock, s. */
    static long journaledOffset(FaultCluster c, String node) {
        int before = c.journalOf(node).size();
        long now = System.currentTimeMillis();
        c.control(node, "{\"cmd\":\"reload\"}");
        Map<String, Object> line = await("a reload line in " + node + "'s journal").atMost(Timing.scaled(Duration.ofSeconds(10)))
                .pollInterval(Duration.ofMillis(50)).until(() -> c.journalOf(node).stream().skip(before)
                        .filter(e -> Set.of("reload", "reload-refused", "control-command").contains(String.valueOf(e.get("kind"))))
                        .findFirst().orElse(null), l -> l != null);
        return (Instant.parse(line.get("time").toString()).toEpochMilli() - now) / 1000;
    }
}
