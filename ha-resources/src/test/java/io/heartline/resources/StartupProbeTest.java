package io.heartline.resources;

import static io.heartline.resources.ProbeResult.NOT_RUNNING;
import static io.heartline.resources.ProbeResult.RUNNING;
import static io.heartline.resources.ProbeResult.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Start-up probes: which resources are stopped, in which order, and that a start waits for the probe. */
class StartupProbeTest extends GroupTestBase {

    @Test
    void notOwnedHereEverythingRunningOrUnknownIsStoppedLastFirst() {
        assertEquals(List.of(3, 2, 0), StartupProbe.toStop(List.of(RUNNING, NOT_RUNNING, UNKNOWN, RUNNING), false));
        assertEquals(List.of(), StartupProbe.toStop(List.of(NOT_RUNNING, NOT_RUNNING), false));
    }

    @Test
    void ownedHereWhatRunsIsLeftAndFromTheFirstUnknownUpEverythingNotStoppedGoes() {
        assertEquals(List.of(), StartupProbe.toStop(List.of(RUNNING, RUNNING, NOT_RUNNING), true));
        assertEquals(List.of(3, 1), StartupProbe.toStop(List.of(RUNNING, UNKNOWN, NOT_RUNNING, RUNNING), true));
    }

    @Test
    void aTimeoutOrAnErrorIsUnknownAndNotInstalledIsNotRunning() {
        assertEquals(UNKNOWN, ProbeResult.of(OperationResult.timedOut(Operation.MONITOR, "", Duration.ofSeconds(20))));
        assertEquals(UNKNOWN, ProbeResult.of(OperationResult.of(Operation.MONITOR, OcfStatus.ERR_GENERIC, "")));
        assertEquals(NOT_RUNNING, ProbeResult.of(OperationResult.of(Operation.MONITOR, OcfStatus.ERR_INSTALLED, "")));
        assertEquals(RUNNING, ProbeResult.of(OperationResult.of(Operation.MONITOR, OcfStatus.SUCCESS, "")));
        assertEquals("not-running", NOT_RUNNING.wireName());
    }

    @Test
    void inAGroupNotOwnedHereWhatRunsIsStoppedInReverseAndATimedOutProbeToo() {
        group("vip", "fs", "web", "mail");
        fake("fs").running = true;
        fake("mail").running = true;
        fake("web").nextMonitorTimesOut(Duration.ofSeconds(20));
        ProbeReport r = run(manager.probe(false));
        assertEquals(List.of("mail:stop", "web:stop", "fs:stop"), journal);
        assertEquals(List.of("left", "stopped", "stopped", "stopped"), r.entries().stream().map(ProbeReport.Entry::action).toList());
        assertEquals(List.of(NOT_RUNNING, RUNNING, UNKNOWN, RUNNING), r.entries().stream().map(ProbeReport.Entry::found).toList());
        manager.status().resources().forEach(s -> assertEquals(ResourceState.STOPPED, s.state()));
        assertEquals(0, scheduler.pending(), "no monitor is scheduled by a probe");
    }

    @Test
    void inAGroupOwnedHereWhatRunsIsLeftRunningForTheDecider() {
        group("vip", "fs", "web");
        fake("vip").running = true;
        fake("fs").running = true;
        ProbeReport r = run(manager.probe(true));
        assertEquals(List.of(), journal);
        assertEquals(ResourceState.RUNNING, state("fs"));
        assertEquals(ResourceState.STOPPED, state("web"));
        assertTrue(r.ownedHere());
        // The decider starts it here after all: start is idempotent, the running ones are started again harmlessly.
        assertTrue(run(manager.start()).ok());
    }

    @Test
    void aStopThatFailsLeavesItFailedAndIsEscalated() {
        group("vip", "web");
        fake("web").running = true;
        fake("web").stopResult = OcfStatus.ERR_GENERIC;
        ProbeReport r = run(manager.probe(false));
        assertEquals("stop-failed", r.entries().get(1).action());
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(1, listener.stopFailures.size(), listener.stopFailures.toString());
    }

    @Test
    void aStartOrderedWhileTheProbeRunsWaitsForIt() {
        group("vip", "web");
        fake("web").running = true;
        CompletableFuture<ProbeReport> probe = manager.probe(false);
        CompletableFuture<GroupResult> start = manager.start();
        run(start);
        assertTrue(probe.isDone());
        assertEquals(List.of("web:stop", "vip:start", "web:start"), journal, "the probe's stop, then the start");
    }
}
