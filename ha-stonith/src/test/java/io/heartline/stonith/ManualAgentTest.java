package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link ManualAgent}: the contract with an operator who answers at once, then the meatware specifics. */
class ManualAgentTest extends FenceAgentContract {
    private static final NodeId NODE_B = new NodeId("node-b");
    private final ExecutorService operator = Executors.newSingleThreadExecutor();
    private ManualAgent silent;

    @AfterAll
    void stopOperator() {
        operator.shutdownNow();
    }

    /** An agent whose operator acknowledges each request from another thread as soon as it is asked. */
    @Override
    protected FenceAgent agent() {
        AtomicReference<ManualAgent> self = new AtomicReference<>();
        ManualAgent agent = new ManualAgent("meatware", Set.of(NODE_B), Clock.system(),
                req -> operator.execute(() -> self.get().acknowledge(req.node())));
        self.set(agent);
        return agent;
    }

    @Override
    protected NodeId target() {
        return NODE_B;
    }

    @Override
    protected NodeId unknownNode() {
        return new NodeId("node-z");
    }

    @Override
    protected FenceAgent hangingAgent() {
        silent = new ManualAgent("meatware", Set.of(NODE_B), Clock.system(), req -> { });
        return silent;
    }

    @Override
    protected void assertHangingAgentLeftNothingBehind() {
        assertEquals(List.of(), silent.pending(), "a timed-out request no longer waits");
    }

    @Test
    void offWaitsForTheOperatorAndPendingSaysWho() throws Exception {
        LinkedBlockingQueue<ManualAgent.Request> prompts = new LinkedBlockingQueue<>();
        ManualAgent agent = new ManualAgent("meatware", Set.of(NODE_B), Clock.system(), prompts::add);
        CompletableFuture<FenceResult> off = CompletableFuture.supplyAsync(
                () -> agent.run(FenceAction.OFF, NODE_B, Duration.ofSeconds(30)), operator);

        ManualAgent.Request asked = prompts.poll(10, TimeUnit.SECONDS);
        assertEquals(NODE_B, asked.node());
        assertEquals(FenceAction.OFF, asked.action());
        assertEquals(List.of(asked), agent.pending());
        assertFalse(off.isDone(), "still waiting for the operator");

        assertTrue(agent.acknowledge(NODE_B));
        FenceResult r = off.get(10, TimeUnit.SECONDS);
        assertEquals(Outcome.OK, r.outcome(), r.toString());
        assertEquals(PowerState.OFF, r.power());
        assertEquals(List.of(), agent.pending());
        assertEquals(PowerState.OFF, agent.run(FenceAction.STATUS, NODE_B, Duration.ofSeconds(1)).power());
    }

    @Test
    void anAcknowledgementNobodyWaitsForIsRefused() {
        ManualAgent agent = new ManualAgent("meatware", Set.of(NODE_B), Clock.system(), req -> { });
        assertFalse(agent.acknowledge(NODE_B));
        FenceResult status = agent.run(FenceAction.STATUS, NODE_B, Duration.ofSeconds(1));
        assertEquals(Outcome.OK, status.outcome());
        assertEquals(PowerState.UNKNOWN, status.power(), "nothing acknowledged, nothing known");
    }

    @Test
    void anotherActionWhileOneWaitsFailsAtOnce() throws Exception {
        LinkedBlockingQueue<ManualAgent.Request> prompts = new LinkedBlockingQueue<>();
        ManualAgent agent = new ManualAgent("meatware", Set.of(NODE_B), Clock.system(), prompts::add);
        CompletableFuture<FenceResult> off = CompletableFuture.supplyAsync(
                () -> agent.run(FenceAction.OFF, NODE_B, Duration.ofSeconds(30)), operator);
        prompts.poll(10, TimeUnit.SECONDS);

        FenceResult on = agent.run(FenceAction.ON, NODE_B, Duration.ofSeconds(30));
        assertEquals(Outcome.FAILED, on.outcome());
        assertEquals("meatware: node-b already waits for an acknowledged off", on.detail());

        agent.acknowledge(NODE_B);
        assertEquals(Outcome.OK, off.get(10, TimeUnit.SECONDS).outcome());
    }

    @Test
    void aTimeoutSaysNoAcknowledgementCame() {
        ManualAgent agent = new ManualAgent("meatware", Set.of(NODE_B), Clock.system(), req -> { });
        FenceResult r = agent.run(FenceAction.OFF, NODE_B, Duration.ofMillis(100));
        assertEquals(Outcome.TIMEOUT, r.outcome());
        assertEquals("meatware off node-b: no operator acknowledgement within 100 ms", r.detail());
    }
}
