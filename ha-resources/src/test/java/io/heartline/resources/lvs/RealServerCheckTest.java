package io.heartline.resources.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.VirtualScheduler;
import io.heartline.resources.CheckResult;
import io.heartline.resources.TestScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-server checks' state machine in virtual time: rise and fall, quiescent and remove,
 * the sorry server in and out, flapping, a check that hangs past its timeout, a check command
 * that exits non-zero or prints garbage, a failing ipvsadm, and stop. Checks every 5 s, timeout
 * 3 s, rise 2, fall 3; two real servers of weights 1 and 2 behind 10.0.0.100:80.
 */
class RealServerCheckTest {
    static final String RULES = """
            -A -t 10.0.0.100:80 -s wlc
            -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1
            -a -t 10.0.0.100:80 -r 192.168.1.12:80 -g -w 2
            """;
    static final String A = "192.168.1.11:80";
    static final String B = "192.168.1.12:80";
    static final String SORRY = "192.168.1.250:80";
    static final Duration INTERVAL = Duration.ofSeconds(5);

    final ManualClock clock = new ManualClock();
    final VirtualScheduler scheduler = new VirtualScheduler(clock);
    final FakeChecks servers = new FakeChecks(scheduler);
    final RecordingListener listener = new RecordingListener();
    final IpvsRules rules = IpvsRules.parse(RULES);
    final RecordingIpvsadm ipvsadm = new RecordingIpvsadm(rules);
    TableKeeper table;
    RealServerChecker checker;

    @TempDir
    Path dir;

    static VirtualServiceSpec service(VirtualServiceSpec.OnFailure onFailure, boolean sorry) {
        CheckSpec tcp = CheckSpec.tcp(0).withTiming(INTERVAL, Duration.ofSeconds(3), 2, 3);
        return new VirtualServiceSpec(IpvsService.tcp(Endpoint.parse("10.0.0.100:80")), onFailure,
                sorry ? new VirtualServiceSpec.SorryServer(Endpoint.parse(SORRY), "-g", 1) : null, tcp, Map.of());
    }

    void start(VirtualServiceSpec spec) {
        start(spec, servers);
    }

    void start(VirtualServiceSpec spec, RealServerChecker.CheckFactory checks) {
        List<VirtualServices.VirtualService> services = VirtualServices.match(List.of(spec), rules, Path.of("ipvsadm.rules"));
        table = new TableKeeper("web", "lvs", rules, services, ipvsadm, Duration.ofSeconds(5), dir.resolve("expected.rules"),
                listener);
        checker = new RealServerChecker("web", "lvs", services, table, scheduler, servers, clock, listener, checks);
        checker.start();
        scheduler.runDue();
    }

    /** Lets {@code n} more rounds of checks happen (one every interval). */
    void rounds(int n) {
        scheduler.advance(INTERVAL.multipliedBy(n));
    }

    RealServerStatus status(String server) {
        return checker.status().stream().filter(s -> s.server().equals(server)).findFirst().orElseThrow();
    }

    @Test
    void aServerGoesToWeightZeroAfterFallFailuresInARowAndBackToItsWeightAfterRisePasses() {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, false));
        assertEquals(2, listener.checks, "both servers checked at start");
        servers.fail(A);
        rounds(2); // failures 1 and 2
        assertEquals(List.of(), ipvsadm.calls);
        assertEquals("UP", status(A).state());
        assertEquals(2, status(A).inARow());
        rounds(1); // failure 3 = fall
        assertEquals(List.of("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"), ipvsadm.calls);
        assertEquals(List.of("DOWN " + A + ": tcp " + A + ": Connection refused"), listener.events);
        assertEquals("DOWN", status(A).state());
        assertEquals(0, status(A).weight());
        assertEquals(1, status(A).configuredWeight());
        assertTrue(status(A).lastResult().startsWith("FAIL: "), status(A).lastResult());

        servers.pass(A);
        rounds(1);
        assertEquals(1, ipvsadm.calls.size(), "one pass is not rise");
        rounds(1);
        assertEquals(List.of("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0",
                "-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1"), ipvsadm.calls);
        assertEquals("UP", status(A).state());
        assertEquals(1, status(A).weight());
        assertEquals(2, status(B).weight(), "the other server was never touched");
        rounds(20);
        assertEquals(2, ipvsadm.calls.size(), "nothing more while both pass");
    }

    @Test
    void removeDeletesAFailedServerAndAddsItBackAsTheRulesFileHasIt() {
        start(service(VirtualServiceSpec.OnFailure.REMOVE, false));
        servers.fail(B);
        rounds(3);
        assertEquals(List.of("-d -t 10.0.0.100:80 -r 192.168.1.12:80"), ipvsadm.calls);
        assertNull(status(B).weight(), "not in the table");
        assertEquals(Map.of(Endpoint.parse(A), 1), ipvsadm.table.values().iterator().next());
        servers.pass(B);
        rounds(2);
        assertEquals(List.of("-d -t 10.0.0.100:80 -r 192.168.1.12:80", "-a -t 10.0.0.100:80 -r 192.168.1.12:80 -g -w 2"),
                ipvsadm.calls);
        assertEquals(2, status(B).weight());
    }

    @Test
    void theSorryServerComesInBeforeTheLastServerGoesAndLeavesAfterOneIsBack() throws Exception {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, true));
        assertEquals("OUT", status(SORRY).state());
        servers.fail(A);
        servers.fail(B);
        rounds(3);
        assertEquals(List.of(
                "-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0",
                "-a -t 10.0.0.100:80 -r 192.168.1.250:80 -g -w 1",
                "-e -t 10.0.0.100:80 -r 192.168.1.12:80 -g -w 0"), ipvsadm.calls, "sorry in before the last server goes");
        assertEquals("IN", status(SORRY).state());
        assertTrue(listener.events.contains("sorry in " + SORRY), listener.events.toString());
        assertEquals(List.of("-A -t 10.0.0.100:80 -s wlc", "-a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0",
                "-a -t 10.0.0.100:80 -r 192.168.1.12:80 -g -w 0", "-a -t 10.0.0.100:80 -r 192.168.1.250:80 -g -w 1"),
                Files.readAllLines(dir.resolve("expected.rules")), "the table the script's status now expects");

        servers.pass(B);
        rounds(2);
        assertEquals(List.of(
                "-e -t 10.0.0.100:80 -r 192.168.1.12:80 -g -w 2",
                "-d -t 10.0.0.100:80 -r 192.168.1.250:80"), ipvsadm.calls.subList(3, 5), "the server back before sorry goes");
        assertEquals("OUT", status(SORRY).state());
        assertEquals("sorry out " + SORRY, listener.events.get(listener.events.size() - 1));
        servers.pass(A);
        rounds(2);
        assertEquals("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1", ipvsadm.calls.get(5));
        assertEquals(6, ipvsadm.calls.size(), "the sorry server stays out");
    }

    @Test
    void withRemoveTheSorryServerTakesOverTooAndNoServerIsLeftWithoutOne() {
        start(service(VirtualServiceSpec.OnFailure.REMOVE, true));
        servers.fail(A);
        servers.fail(B);
        rounds(3);
        assertEquals(List.of("-d -t 10.0.0.100:80 -r 192.168.1.11:80", "-a -t 10.0.0.100:80 -r 192.168.1.250:80 -g -w 1",
                "-d -t 10.0.0.100:80 -r 192.168.1.12:80"), ipvsadm.calls);
        assertEquals(Map.of(Endpoint.parse(SORRY), 1), ipvsadm.table.values().iterator().next());
    }

    @Test
    void aFlappingServerNeverReachesRiseOrFall() {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, true));
        for (int i = 0; i < 120; i++) { // ten minutes of pass, fail, fail, pass, fail, fail, ...
            if (i % 3 == 0) {
                servers.pass(A);
            } else {
                servers.fail(A);
            }
            rounds(1);
        }
        assertEquals(List.of(), ipvsadm.calls, "fall is 3: two failures in a row never take it down");
        assertEquals(List.of(), listener.events);
        assertEquals("UP", status(A).state());

        servers.fail(A);
        rounds(3);
        assertEquals(1, ipvsadm.calls.size(), "three in a row do");
        for (int i = 0; i < 120; i++) { // down now: pass, fail, pass, fail, ...
            if (i % 2 == 0) {
                servers.pass(A);
            } else {
                servers.fail(A);
            }
            rounds(1);
        }
        assertEquals(1, ipvsadm.calls.size(), "rise is 2: single passes never bring it back");
        assertEquals("DOWN", status(A).state());
        assertEquals(2 + 2 * (120 + 3 + 120), status(A).checks() + status(B).checks());
    }

    @Test
    void aCheckThatHangsPastItsTimeoutFailsAtTheTimeoutAndIsNeverRunTwiceAtOnce() {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, false));
        int before = servers.runs(A);
        servers.hang(A);
        rounds(1); // the check at 5 s hangs
        scheduler.advance(Duration.ofSeconds(3)); // at 8 s its timeout has passed
        assertEquals(1, status(A).inARow(), "failed at its timeout");
        assertTrue(status(A).lastResult().contains("no answer within 3000 ms"), status(A).lastResult());
        scheduler.advance(Duration.ofSeconds(2)); // 10 s: still running, not yet an interval past its timeout
        assertEquals(1, status(A).inARow(), "a check a little late is not counted twice");
        scheduler.advance(Duration.ofSeconds(5)); // 15 s: hung an interval past its timeout
        assertEquals(2, status(A).inARow());
        scheduler.advance(Duration.ofSeconds(5)); // 20 s: and again
        assertEquals("DOWN", status(A).state());
        assertTrue(status(A).lastResult().contains("still running (hung past its 3000 ms timeout)"), status(A).lastResult());
        assertEquals(List.of("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"), ipvsadm.calls);
        assertEquals(before, servers.runs(A), "no second check started while the first hangs");

        servers.release(A); // the hung check returns, passing: too late, dropped
        scheduler.runDue();
        assertEquals(before + 1, servers.runs(A));
        assertEquals("DOWN", status(A).state());
        assertEquals(0, status(A).inARow(), "the late pass was not counted");
        rounds(2); // two fresh checks, both pass: rise
        assertEquals("UP", status(A).state());
        assertEquals(2, ipvsadm.calls.size());
    }

    @Test
    void aCheckCommandThatExitsNonZeroOrPrintsGarbageFailsWithABoundedPrintableReason() throws Exception {
        Path seen = dir.resolve("seen");
        Path ok = TestScripts.write(dir, "garbage-but-ok", "#!/bin/sh\necho \"$HEARTLINE_REAL_SERVER $HEARTLINE_REAL_PORT"
                + " $HEARTLINE_VIRTUAL_SERVICE\" >> " + seen + "\nhead -c 300 /dev/urandom\nexit 0\n");
        Path bad = TestScripts.write(dir, "garbage-and-3", "#!/bin/sh\nhead -c 200000 /dev/urandom\nprintf '\\033[31mred\\n'\nexit 3\n");
        CheckSpec okSpec = new CheckSpec(CheckSpec.Kind.COMMAND, 0, null, 200, null, List.of(ok.toString()), INTERVAL,
                Duration.ofSeconds(3), 2, 1);
        CheckSpec badSpec = new CheckSpec(CheckSpec.Kind.COMMAND, 0, null, 200, null, List.of(bad.toString()), INTERVAL,
                Duration.ofSeconds(3), 2, 1);
        VirtualServiceSpec spec = new VirtualServiceSpec(IpvsService.tcp(Endpoint.parse("10.0.0.100:80")),
                VirtualServiceSpec.OnFailure.QUIESCENT, null, okSpec, Map.of(Endpoint.parse(B), badSpec));
        start(spec, (c, service, server) -> RealServerCheck.of(c, service, server, clock));

        assertEquals("UP", status(A).state());
        assertTrue(status(A).lastResult().startsWith("pass: exit 0"), status(A).lastResult());
        assertEquals("192.168.1.11 80 tcp 10.0.0.100:80", Files.readString(seen).strip());
        assertEquals("DOWN", status(B).state(), "exit 3 with fall 1");
        String why = status(B).lastResult();
        assertTrue(why.startsWith("FAIL: exit 3: "), why);
        assertTrue(why.length() <= "FAIL: exit 3: ".length() + CommandCheck.DETAIL_CHARS + 1, why.length() + ": " + why);
        assertTrue(why.chars().noneMatch(ch -> Character.isISOControl(ch)), "no control characters: " + why);
        assertEquals(List.of("-e -t 10.0.0.100:80 -r 192.168.1.12:80 -g -w 0"), ipvsadm.calls);
        assertTrue(status(A).check().startsWith("command " + ok), status(A).check());
    }

    @Test
    void aCommandThatDoesNotExitWithinTheTimeoutIsKilledAndFails() throws Exception {
        Path slow = TestScripts.write(dir, "slow", "#!/bin/sh\necho started\nsleep 30\n");
        CheckResult r = new CommandCheck(List.of(slow.toString()), Map.of(), io.heartline.core.Clock.system())
                .check(Duration.ofMillis(300));
        assertTrue(!r.passed() && r.detail().startsWith("no exit within 300 ms (killed)"), r.detail());
    }

    @Test
    void aFailedChangeIsReadBackRetriedOnTheNextResultAndGivenUpAfterThreeInARow() {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, false));
        ipvsadm.table.values().iterator().next().remove(Endpoint.parse(A)); // someone deleted it by hand
        servers.fail(A);
        rounds(3); // at 15 s: A's third failure, then B's result (the same service: planned again)
        assertEquals(List.of("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0", "-L -n",
                "-a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"), ipvsadm.calls,
                "the next plan starts from the table as read back: the server is missing, so it is added at 0");
        assertEquals(List.of("FAILED ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0",
                "ipvsadm -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"), listener.changes);
        assertNull(table.givenUp(), "one failure is not the end");
        assertEquals(0, status(A).weight());

        ipvsadm.failWhen(c -> c.startsWith("-e"));
        servers.pass(A);
        rounds(2); // at 25 s A is UP again: its -e fails, and once more on B's result
        List<String> retry = List.of("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1", "-L -n");
        assertEquals(List.of(retry.get(0), retry.get(1), retry.get(0), retry.get(1)), ipvsadm.calls.subList(3, 7),
                "retried once per result, never in a loop");
        assertNull(table.givenUp());
        rounds(1);
        assertEquals(11, ipvsadm.calls.size());
        assertNotNull(table.givenUp());
        assertTrue(table.givenUp().startsWith("ipvsadm failed 4 times in a row: ipvsadm -e"), table.givenUp());
    }

    @Test
    void inMaintenanceTheChecksGoOnButTheTableIsLeftAloneUntilItEnds() {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, false));
        checker.hold(true);
        servers.fail(A);
        rounds(5);
        assertEquals("DOWN", status(A).state(), "still checked");
        assertEquals(1, status(A).weight(), "but the table is as it was");
        assertEquals(List.of(), ipvsadm.calls);
        checker.hold(false);
        scheduler.runDue();
        assertEquals(List.of("-e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"), ipvsadm.calls, "at once when it ends");
    }

    @Test
    void afterStopNoCheckRunsAndNothingChanges() {
        start(service(VirtualServiceSpec.OnFailure.QUIESCENT, true));
        servers.fail(A);
        servers.fail(B);
        rounds(2);
        checker.stop();
        scheduler.runDue();
        int checks = listener.checks;
        rounds(10);
        assertEquals(checks, listener.checks);
        assertEquals(List.of(), ipvsadm.calls);
        assertEquals(0, scheduler.pending(), "no timer left");
    }
}
