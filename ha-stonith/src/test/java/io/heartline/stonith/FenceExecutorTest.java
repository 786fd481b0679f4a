package io.heartline.stonith;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

/** {@link FenceExecutor} in virtual time: one thread, a manual clock, scripted agents. */
class FenceExecutorTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final VirtualScheduler sched = new VirtualScheduler(clock);
    private final FakeAgent agent = new FakeAgent("ipmi", clock);

    private FenceExecutor.Builder builder() {
        return FenceExecutor.builder(sched, sched, clock).agent(agent).timeout(TIMEOUT).grace(Duration.ofSeconds(1));
    }

    private static FenceResult result(CompletableFuture<FenceResult> f) {
        assertTrue(f.isDone(), "finished");
        return f.join();
    }

    @Test
    void offIsVerifiedWithStatus() {
        CompletableFuture<FenceResult> f = builder().build().off(B);
        assertFalse(f.isDone(), "nothing runs on the caller's thread");
        sched.runDue();
        FenceResult r = result(f);
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(PowerState.OFF, r.power());
        assertEquals("ipmi off: done; verify: ipmi status: off", r.detail());
        assertEquals(List.of(FenceAction.OFF, FenceAction.STATUS), agent.actions());
    }

    @Test
    void anOffThatStatusContradictsIsAFailure() {
        agent.next(FenceAction.STATUS, FenceResult.ok(PowerState.ON, "ipmi status: on", Duration.ZERO), Duration.ZERO);
        CompletableFuture<FenceResult> f = builder().build().off(B);
        sched.runDue();
        FenceResult r = result(f);
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(PowerState.ON, r.power());
        assertEquals("ipmi off: done; verify: ipmi status: on (off reported done, but status says on)", r.detail());
    }

    @Test
    void anOffThatStatusCannotConfirmIsAFailure() {
        agent.next(FenceAction.STATUS, FenceResult.failed("ipmi status failed (exit 1)", Duration.ZERO), Duration.ZERO);
        CompletableFuture<FenceResult> f = builder().build().off(B);
        sched.runDue();
        assertEquals(Outcome.FAILED, result(f).outcome());
        assertEquals(PowerState.UNKNOWN, result(f).power());
    }

    @Test
    void aFailedOffIsNotVerified() {
        agent.next(FenceAction.OFF, FenceResult.failed("ipmi off failed (exit 1)", Duration.ZERO), Duration.ofSeconds(2));
        CompletableFuture<FenceResult> f = builder().build().off(B);
        sched.runDue();
        assertEquals(FenceResult.failed("ipmi off failed (exit 1)", Duration.ofSeconds(2)), result(f));
        assertEquals(List.of(FenceAction.OFF), agent.actions());
    }

    @Test
    void statusGetsWhatIsLeftOfTheBudgetAndTookCountsBoth() {
        agent.next(FenceAction.OFF, FenceResult.ok(PowerState.OFF, "ipmi off: done", Duration.ZERO), Duration.ofSeconds(7));
        agent.next(FenceAction.STATUS, FenceResult.ok(PowerState.OFF, "ipmi status: off", Duration.ZERO), Duration.ofMillis(500));
        CompletableFuture<FenceResult> f = builder().build().off(B);
        sched.runDue();
        assertEquals(List.of(TIMEOUT, Duration.ofSeconds(3)), agent.calls().stream().map(FakeAgent.Call::timeout).toList());
        assertEquals(Duration.ofMillis(7500), result(f).took());
    }

    @Test
    void noTimeLeftToVerifyIsATimeout() {
        agent.next(FenceAction.OFF, FenceResult.ok(PowerState.OFF, "ipmi off: done", Duration.ZERO), TIMEOUT);
        CompletableFuture<FenceResult> f = builder().build().off(B);
        sched.runDue();
        assertEquals(Outcome.TIMEOUT, result(f).outcome());
        assertEquals("ipmi off node-b reported done, but no time was left to verify it with status", result(f).detail());
    }

    @Test
    void theFenceDelayIsWaitedInVirtualTimeForTheDelayedNodeOnly() {
        FenceExecutor ex = builder().delay(A, Duration.ofSeconds(5)).build();
        CompletableFuture<FenceResult> a = ex.off(A);
        CompletableFuture<FenceResult> b = ex.off(B);
        sched.runDue();
        assertTrue(b.isDone(), "node-b has no delay");
        assertEquals(List.of(B, B), agent.calls().stream().map(FakeAgent.Call::node).toList());

        sched.advance(Duration.ofMillis(4999));
        assertFalse(a.isDone());
        assertEquals(2, agent.calls().size(), "node-a not touched before its delay");
        sched.advance(Duration.ofMillis(1));
        assertEquals(Outcome.OK, result(a).outcome());
        assertEquals(Duration.ofSeconds(5), agent.calls().get(2).at());
        assertEquals(Duration.ZERO, result(a).took(), "took does not count the delay");
        assertEquals(Duration.ofSeconds(5), ex.history().last(A).orElseThrow().delay());
    }

    @Test
    void aSecondRequestForTheSameNodeJoinsTheFirst() {
        FenceExecutor ex = builder().delay(B, Duration.ofSeconds(2)).build();
        CompletableFuture<FenceResult> first = ex.off(B);
        sched.advance(Duration.ofSeconds(1));
        CompletableFuture<FenceResult> second = ex.fence(B, FenceAction.OFF);
        assertSame(first, second, "joined while waiting out the delay");
        assertEquals(Map.of(B, FenceAction.OFF), ex.inProgress());
        sched.advance(Duration.ofSeconds(1));
        assertEquals(Outcome.OK, result(first).outcome());
        assertEquals(List.of(FenceAction.OFF, FenceAction.STATUS), agent.actions(), "fenced once");
        assertEquals(1, ex.history().entries().size());
        assertEquals(Map.of(), ex.inProgress());

        CompletableFuture<FenceResult> third = ex.off(B);
        assertNotSame(first, third, "a finished request is not joined");
        sched.advance(Duration.ofSeconds(2));
        assertEquals(4, agent.calls().size());
    }

    @Test
    void aDifferentActionForTheSameNodeRunsAfterTheOneInProgress() {
        agent.next(FenceAction.OFF, FenceResult.ok(PowerState.OFF, "ipmi off: done", Duration.ZERO), Duration.ofSeconds(3));
        FenceExecutor ex = builder().build();
        CompletableFuture<FenceResult> off = ex.off(B);
        CompletableFuture<FenceResult> on = ex.fence(B, FenceAction.ON);
        sched.runDue();
        assertTrue(off.isDone() && on.isDone());
        assertEquals(List.of(FenceAction.OFF, FenceAction.STATUS, FenceAction.ON), agent.actions());
        assertEquals(Duration.ofSeconds(3), agent.calls().get(2).at(), "on started only after off and its check");
    }

    @Test
    void anAgentThatNeverReturnsIsATimeoutAtTimeoutPlusGrace() {
        VirtualScheduler stuckWorkers = new VirtualScheduler(clock);
        FenceExecutor ex = FenceExecutor.builder(stuckWorkers, sched, clock).agent(agent)
                .timeout(TIMEOUT).grace(Duration.ofSeconds(1)).build();
        CompletableFuture<FenceResult> f = ex.off(B);
        sched.advance(Duration.ofMillis(10999));
        assertFalse(f.isDone());
        sched.advance(Duration.ofMillis(1));
        FenceResult r = result(f);
        assertEquals(Outcome.TIMEOUT, r.outcome());
        assertEquals("ipmi off node-b: the agent did not return within 10 s (+1 s grace)", r.detail());
        assertEquals(Duration.ofSeconds(11), r.took());
        List<ScheduledFuture<?>> work = stuckWorkers.tasks();
        assertEquals(1, work.size());
        assertTrue(work.get(0).isCancelled(), "the stuck worker is interrupted");
    }

    @Test
    void anAgentThatThrowsIsAFailure() {
        agent.nextThrows(FenceAction.OFF, new IllegalStateException("boom"));
        CompletableFuture<FenceResult> f = builder().build().off(B);
        sched.runDue();
        assertEquals(Outcome.FAILED, result(f).outcome());
        assertEquals("ipmi off node-b: the agent failed: java.lang.IllegalStateException: boom", result(f).detail());
    }

    @Test
    void aNodeWithoutAnAgentFailsAtOnce() {
        FakeAgent onlyA = new FakeAgent("ipmi-a", clock);
        FenceExecutor ex = FenceExecutor.builder(sched, sched, clock).agent(A, onlyA).build();
        CompletableFuture<FenceResult> f = ex.off(B);
        assertEquals(FenceResult.failed("no fence agent is configured for node node-b", Duration.ZERO), result(f));
        assertEquals("-", ex.history().last(B).orElseThrow().agent());
    }

    @Test
    void eachNodeUsesItsOwnAgent() {
        FakeAgent ipmiA = new FakeAgent("ipmi-a", clock);
        FenceExecutor ex = FenceExecutor.builder(sched, sched, clock).agent(agent).agent(A, ipmiA).build();
        ex.off(A);
        ex.off(B);
        sched.runDue();
        assertEquals(List.of(A, A), ipmiA.calls().stream().map(FakeAgent.Call::node).toList());
        assertEquals(List.of(B, B), agent.calls().stream().map(FakeAgent.Call::node).toList());
    }

    @Test
    void rebootAndStatusAreTakenAsTheAgentSays() {
        FenceExecutor ex = builder().build();
        CompletableFuture<FenceResult> reboot = ex.fence(B, FenceAction.REBOOT);
        sched.runDue();
        CompletableFuture<FenceResult> status = ex.fence(B, FenceAction.STATUS);
        sched.runDue();
        assertEquals(Outcome.OK, result(reboot).outcome());
        assertEquals(PowerState.ON, result(status).power());
        assertEquals(List.of(FenceAction.REBOOT, FenceAction.STATUS), agent.actions(), "no verification but for off");
    }

    @Test
    void theHistoryKeepsTheLastEntriesAndListenersHearEveryAttempt() {
        List<String> heard = new ArrayList<>();
        FenceExecutor ex = builder().historySize(3)
                .listener(new FenceListener() {
                    @Override
                    public void started(NodeId node, FenceAction action, String agentName, Duration delay) {
                        heard.add("started " + action.word() + " " + node + " " + agentName);
                    }

                    @Override
                    public void finished(FenceRecord record) {
                        heard.add("finished " + record.action().word() + " " + record.node() + " " + record.outcome());
                    }
                })
                .listener(record -> {
                    throw new IllegalStateException("a broken journal");
                })
                .build();
        for (int i = 0; i < 5; i++) {
            clock.advanceMillis(1000);
            ex.off(i % 2 == 0 ? A : B);
            sched.runDue();
        }
        List<FenceRecord> h = ex.history().entries();
        assertEquals(3, h.size());
        assertEquals(List.of(A, B, A), h.stream().map(FenceRecord::node).toList(), "the newest last");
        assertEquals(clock.wallTime(), h.get(2).requested());
        assertEquals("ipmi", h.get(2).agent());
        assertEquals(PowerState.OFF, h.get(2).power());
        assertEquals(10, heard.size(), "a throwing listener does not stop the others: " + heard);
        assertEquals("started off node-a ipmi", heard.get(0));
        assertEquals("finished off node-a OK", heard.get(1));
        assertEquals(B, ex.history().last(B).orElseThrow().node());
    }
}
