package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class GroupManagerTest extends GroupTestBase {

    @Test
    void startsInOrderAndStopsInReverse() {
        group("vip", "fs", "web");
        GroupResult started = run(manager.start());
        assertEquals(GroupResult.Outcome.SUCCESS, started.outcome());
        assertEquals(List.of("vip", "fs", "web"), started.steps().stream().map(GroupResult.Step::resource).toList());
        assertTrue(started.steps().stream().allMatch(s -> s.op() == Operation.START && s.status() == OcfStatus.SUCCESS));
        assertEquals(Duration.ofMillis(100), started.steps().get(0).took());
        assertEquals(GroupStatus.Target.STARTED, manager.status().target());
        manager.status().resources().forEach(r -> assertEquals(ResourceState.RUNNING, r.state()));

        GroupResult stopped = run(manager.stop());
        assertTrue(stopped.ok());
        assertEquals(List.of("web", "fs", "vip"), stopped.steps().stream().map(GroupResult.Step::resource).toList());
        assertEquals(List.of("vip:start", "fs:start", "web:start", "web:stop", "fs:stop", "vip:stop"), journal);
        manager.status().resources().forEach(r -> assertEquals(ResourceState.STOPPED, r.state()));
        assertEquals(GroupStatus.Target.STOPPED, manager.status().target());
    }

    @Test
    void aFailedStartStopsWhatWasAttemptedInReverseAndNamesTheCulprit() {
        group("vip", "fs", "web", "mail");
        fake("web").startResult = OcfStatus.ERR_GENERIC;
        GroupResult r = run(manager.start());
        assertEquals(GroupResult.Outcome.FAILED, r.outcome());
        assertEquals("web", r.failedResource().orElseThrow());
        assertEquals(List.of("vip:start", "fs:start", "web:start", "web:stop", "fs:stop", "vip:stop"), journal,
                "mail is never started; web (half started) then fs then vip are stopped");
        assertEquals(0, fake("mail").starts);
        assertEquals(GroupStatus.Target.STOPPED, manager.status().target());
        assertEquals(ResourceState.STOPPED, state("web"));
        assertEquals(1, status("web").failCount());
        assertEquals(OcfStatus.ERR_GENERIC, status("web").lastFailure().status());
        assertEquals(0, scheduler.pending(), "no monitor survives a rolled-back start");
    }

    @Test
    void aFailedStopInTheRollBackIsAStopFailure() {
        group("vip", "fs", "web");
        fake("web").startResult = OcfStatus.ERR_INSTALLED;
        fake("vip").stopResult = OcfStatus.ERR_GENERIC;
        GroupResult r = run(manager.start());
        assertEquals(GroupResult.Outcome.STOP_FAILED, r.outcome());
        assertEquals("web", r.failedResource().orElseThrow());
        assertEquals(List.of("vip"), r.stopFailures());
        assertEquals(ResourceState.FAILED, state("vip"));
    }

    @Test
    void stopGoesOnPastFailuresAndReportsEachOne() {
        group("vip", "fs", "web");
        run(manager.start());
        fake("fs").stopResult = OcfStatus.ERR_GENERIC;
        fake("web").stopResult = OcfStatus.ERR_PERM;
        GroupResult r = run(manager.stop());
        assertEquals(GroupResult.Outcome.STOP_FAILED, r.outcome());
        assertEquals(List.of("web", "fs"), r.stopFailures());
        assertEquals(List.of("web", "fs", "vip"), r.steps().stream().map(GroupResult.Step::resource).toList(),
                "vip is still stopped after two failures");
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(ResourceState.FAILED, state("fs"));
        assertEquals(ResourceState.STOPPED, state("vip"));
        assertTrue(listener.stopFailures.isEmpty(), "the caller's own stop reports in its result, not the listener");
    }

    @Test
    void startAndStopAreIdempotentAtGroupLevel() {
        group("vip", "web");
        assertTrue(run(manager.stop()).ok(), "stopping a stopped group stops each resource again, successfully");
        assertTrue(run(manager.start()).ok());
        assertTrue(run(manager.start()).ok(), "starting a running group succeeds");
        assertEquals(2, fake("web").starts);
        assertTrue(fake("web").running);
    }

    @Test
    void perOperationTimeoutsComeFromEachResourcesPolicy() {
        Duration[] seen = new Duration[3];
        Resource r = new Resource() {
            @Override
            public String name() {
                return "db";
            }

            @Override
            public OperationResult start(Duration timeout) {
                seen[0] = timeout;
                return OperationResult.of(Operation.START, OcfStatus.SUCCESS, "");
            }

            @Override
            public OperationResult stop(Duration timeout) {
                seen[1] = timeout;
                return OperationResult.of(Operation.STOP, OcfStatus.SUCCESS, "");
            }

            @Override
            public OperationResult monitor(Duration timeout) {
                seen[2] = timeout;
                return OperationResult.of(Operation.MONITOR, OcfStatus.SUCCESS, "");
            }
        };
        ResourcePolicy p = new ResourcePolicy(Duration.ofSeconds(90), Duration.ofSeconds(120), Duration.ofSeconds(30),
                Duration.ofSeconds(15), OnFail.defaults());
        manager = new GroupManager(ResourceGroup.builder("db").add(r, p).build(), scheduler, clock, listener);
        run(manager.start());
        scheduler.advance(Duration.ofSeconds(30));
        run(manager.stop());
        assertEquals(List.of(Duration.ofSeconds(90), Duration.ofSeconds(120), Duration.ofSeconds(15)), List.of(seen));
    }

    @Test
    void aJavaResourceThatThrowsIsAFailedOperationNotACrash() {
        Resource broken = new Resource() {
            @Override
            public String name() {
                return "vip";
            }

            @Override
            public OperationResult start(Duration timeout) {
                throw new IllegalStateException("netlink said no");
            }

            @Override
            public OperationResult stop(Duration timeout) {
                return OperationResult.of(Operation.STOP, OcfStatus.SUCCESS, "");
            }

            @Override
            public OperationResult monitor(Duration timeout) {
                return OperationResult.of(Operation.MONITOR, OcfStatus.NOT_RUNNING, "");
            }
        };
        manager = new GroupManager(ResourceGroup.builder("g").add(broken, POLICY).build(), scheduler, clock, listener);
        GroupResult r = run(manager.start());
        assertEquals(GroupResult.Outcome.FAILED, r.outcome());
        assertTrue(r.steps().get(0).result().output().contains("netlink said no"));
    }

    @Test
    void transitionsAreReportedForTheJournal() {
        group("vip", "web");
        run(manager.start());
        run(manager.stop());
        assertEquals(List.of("vip:STOPPED->STARTING", "vip:STARTING->RUNNING", "web:STOPPED->STARTING",
                "web:STARTING->RUNNING", "web:RUNNING->STOPPING", "web:STOPPING->STOPPED",
                "vip:RUNNING->STOPPING", "vip:STOPPING->STOPPED"), listener.transitions);
    }

    @Test
    void cleanupOfAnUnknownResourceFails() {
        group("vip");
        var f = manager.cleanup("nope");
        scheduler.runDue();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        assertTrue(e.getCause().getMessage().contains("no resource 'nope'"));
    }

    @Test
    void groupsRejectDuplicateNames() {
        FakeResource a = new FakeResource("a", clock, journal);
        FakeResource a2 = new FakeResource("a", clock, journal);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ResourceGroup.builder("g").add(a, POLICY).add(a2, POLICY).build());
        assertTrue(e.getMessage().contains("'a' appears twice"));
    }
}
