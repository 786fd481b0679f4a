package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recurring monitors and the on-fail policy, in virtual time. */
class MonitorPolicyTest extends GroupTestBase {

    @Test
    void eachResourceIsMonitoredAtItsOwnInterval() {
        ResourcePolicy fast = POLICY.withMonitor(Duration.ofSeconds(2), Duration.ofSeconds(1));
        manager = new GroupManager(ResourceGroup.builder("web")
                .add(fakeNamed("vip"), fast)
                .add(fakeNamed("web"), POLICY)
                .add(fakeNamed("batch"), POLICY.withMonitor(Duration.ZERO, Duration.ofSeconds(1)))
                .build(), scheduler, clock, listener);
        run(manager.start());
        scheduler.advance(Duration.ofSeconds(60));
        assertTrue(fake("vip").monitors >= 25 && fake("vip").monitors <= 30, "vip every 2 s: " + fake("vip").monitors);
        assertTrue(fake("web").monitors >= 5 && fake("web").monitors <= 6, "web every 10 s: " + fake("web").monitors);
        assertEquals(0, fake("batch").monitors, "interval 0: no recurring monitor");
        ResourceStatus web = status("web");
        assertEquals(OcfStatus.SUCCESS, web.lastMonitor().status());
        assertNotNull(web.lastMonitorAt());
        assertEquals(0, web.failCount());
    }

    @Test
    void theFirstMonitorComesOneIntervalAfterStart() {
        group("web");
        run(manager.start());
        scheduler.advance(Duration.ofMillis(9_000));
        assertEquals(0, fake("web").monitors);
        scheduler.advance(Duration.ofMillis(1_500));
        assertEquals(1, fake("web").monitors);
    }

    @Test
    void aFailedMonitorRestartsTheResourceInPlace() {
        group("vip", "web");
        run(manager.start());
        journal.clear();
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(List.of("web:stop", "web:start"), journal, "only the failed resource is restarted");
        assertEquals(ResourceState.RUNNING, state("web"));
        assertEquals(1, status("web").failCount());
        assertEquals(OcfStatus.NOT_RUNNING, status("web").lastFailure().status());
        assertTrue(listener.failovers.isEmpty());
        scheduler.advance(Duration.ofSeconds(30));
        assertEquals(ResourceState.RUNNING, state("web"), "monitoring goes on after the restart");
        assertTrue(fake("web").monitors >= 4);
    }

    @Test
    void pausedMonitorsLeaveACrashedResourceAloneAndResumeRestartsIt() {
        group("vip", "web");
        run(manager.start());
        journal.clear();
        run(manager.pauseMonitors(true));
        int before = fake("web").monitors;
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(60));
        assertEquals(before, fake("web").monitors, "no monitor runs while paused");
        assertTrue(journal.isEmpty(), "nothing stopped or started in maintenance: " + journal);
        assertEquals(0, status("web").failCount());
        run(manager.pauseMonitors(false));
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(List.of("web:stop", "web:start"), journal, "the resumed monitor finds the crash and restarts");
        assertEquals(1, status("web").failCount());
    }

    @Test
    void threeRestartsWithinTheWindowThenTheGroupMustFailOver() {
        group("vip", "web");
        run(manager.start());
        for (int i = 1; i <= 3; i++) {
            fake("web").crash();
            scheduler.advance(Duration.ofSeconds(11));
            assertEquals(ResourceState.RUNNING, state("web"), "restart " + i);
            assertEquals(i, status("web").failCount());
        }
        assertTrue(listener.failovers.isEmpty());
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(4, status("web").failCount());
        assertEquals(1, listener.failovers.size());
        assertTrue(listener.failovers.get(0).startsWith("web/web: failed 4 times within PT5M (max-restarts 3)"),
                listener.failovers.get(0));
        assertTrue(manager.status().failoverRequested());
        assertEquals(3, fake("web").stops, "no fourth restart");
        scheduler.advance(Duration.ofMinutes(10));
        assertEquals(1, listener.failovers.size(), "a FAILED resource is not monitored; asked once");
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        group("web");
        run(manager.start());
        for (int i = 0; i < 10; i++) {
            fake("web").crash();
            scheduler.advance(Duration.ofMinutes(2));
        }
        assertEquals(ResourceState.RUNNING, state("web"), "one failure every 2 minutes never makes 4 within 5 minutes");
        assertEquals(10, status("web").failCount(), "the fail count keeps the total since the last cleanup");
        assertTrue(listener.failovers.isEmpty());
    }

    @Test
    void aMonitorTimeoutIsAFailure() {
        group("web");
        run(manager.start());
        fake("web").nextMonitorTimesOut(Duration.ofSeconds(5));
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(1, status("web").failCount());
        assertTrue(status("web").lastFailure().timedOut());
        assertEquals(ResourceState.RUNNING, state("web"), "restarted in place");
    }

    @Test
    void aHardErrorFailsOverWithoutRestarting() {
        group("web");
        run(manager.start());
        fake("web").nextMonitor(OcfStatus.ERR_INSTALLED);
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(0, fake("web").stops);
        assertEquals(1, listener.failovers.size());
        assertTrue(listener.failovers.get(0).contains("hard error"), listener.failovers.get(0));
    }

    @Test
    void onFailFailoverAsksAtOnce() {
        group(POLICY.withOnFail(OnFail.failover()), "web");
        run(manager.start());
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(0, fake("web").stops);
        assertTrue(listener.failovers.get(0).contains("on-fail=failover"));
    }

    @Test
    void onFailBlockLeavesItFailedAndUnmonitored() {
        group(POLICY.withOnFail(OnFail.block()), "web");
        run(manager.start());
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(11));
        int monitors = fake("web").monitors;
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(monitors, fake("web").monitors);
        assertTrue(listener.failovers.isEmpty());
        assertEquals(0, fake("web").stops);
    }

    @Test
    void onFailIgnoreCountsAndKeepsMonitoring() {
        group(POLICY.withOnFail(OnFail.ignore()), "web");
        run(manager.start());
        fake("web").nextMonitor(OcfStatus.ERR_GENERIC);
        scheduler.advance(Duration.ofSeconds(21));
        assertEquals(ResourceState.RUNNING, state("web"));
        assertEquals(1, status("web").failCount());
        assertEquals(OcfStatus.SUCCESS, status("web").lastMonitor().status(), "the next monitor ran");
        assertTrue(listener.failovers.isEmpty());
    }

    @Test
    void aStopFailureDuringARestartIsEscalated() {
        group("vip", "web");
        run(manager.start());
        fake("web").crash();
        fake("web").stopResult = OcfStatus.ERR_GENERIC;
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(1, listener.stopFailures.size());
        assertTrue(listener.stopFailures.get(0).startsWith("web/web: stop ERR_GENERIC"));
        assertTrue(manager.status().failoverRequested());
        assertEquals(1, fake("web").starts, "no start after a failed stop");
    }

    @Test
    void aFailedStartDuringARestartAsksForFailover() {
        group("web");
        run(manager.start());
        fake("web").crash();
        fake("web").startResult = OcfStatus.ERR_GENERIC;
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(2, status("web").failCount(), "the monitor failure and the failed start");
        assertTrue(listener.failovers.get(0).contains("restart in place failed"), listener.failovers.get(0));
    }

    @Test
    void stopCancelsMonitors() {
        group("vip", "web");
        run(manager.start());
        run(manager.stop());
        int before = fake("web").monitors;
        scheduler.advance(Duration.ofMinutes(10));
        assertEquals(before, fake("web").monitors);
        assertEquals(0, scheduler.pending());
    }

    @Test
    void cleanupClearsFailuresAndStartsTheResourceAgainWhenTheGroupRunsHere() {
        group(POLICY.withOnFail(OnFail.block()), "vip", "web");
        run(manager.start());
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        assertEquals(1, status("web").failCount());

        ResourceStatus after = run(manager.cleanup("web"));
        assertEquals(ResourceState.RUNNING, after.state());
        assertEquals(0, after.failCount());
        assertNull(after.lastFailure());
        assertEquals(OcfStatus.NOT_RUNNING, after.lastMonitor().status(), "the probe saw it stopped");
        int monitors = fake("web").monitors;
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(monitors + 1, fake("web").monitors, "monitoring resumed");
    }

    @Test
    void cleanupOfAResourceFoundRunningJustClearsIt() {
        group(POLICY.withOnFail(OnFail.block()), "web");
        run(manager.start());
        fake("web").nextMonitor(OcfStatus.ERR_GENERIC);
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.FAILED, state("web"));
        int starts = fake("web").starts;
        ResourceStatus after = run(manager.cleanup("web"));
        assertEquals(ResourceState.RUNNING, after.state());
        assertEquals(starts, fake("web").starts, "found running: not started again");
    }

    @Test
    void cleanupLetsRestartsBeginAgain() {
        group("web");
        run(manager.start());
        for (int i = 0; i < 4; i++) {
            fake("web").crash();
            scheduler.advance(Duration.ofSeconds(11));
        }
        assertEquals(ResourceState.FAILED, state("web"));
        run(manager.cleanup("web"));
        assertEquals(ResourceState.RUNNING, state("web"));
        run(manager.stop());
        run(manager.start());
        fake("web").crash();
        scheduler.advance(Duration.ofSeconds(11));
        assertEquals(ResourceState.RUNNING, state("web"), "the window was cleared: this is restart 1 again");
        assertEquals(1, status("web").failCount());
    }

    @Test
    void closeStopsMonitoringButLeavesResourcesRunning() {
        group("web");
        run(manager.start());
        manager.close();
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(0, fake("web").monitors);
        assertTrue(fake("web").running);
        assertFalse(manager.status().failoverRequested());
    }

    private FakeResource fakeNamed(String name) {
        FakeResource f = new FakeResource(name, clock, journal);
        fakes.put(name, f);
        return f;
    }
}
