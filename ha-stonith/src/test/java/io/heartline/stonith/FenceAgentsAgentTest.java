package io.heartline.stonith;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FenceAgentsAgent} with the real {@code fence_ipmilan} (and ipmitool) against a real
 * IPMI 2.0 BMC, OpenIPMI's {@code ipmi_sim}, in a network namespace ({@link IpmiSimLab}).
 */
@Tag("netns")
class FenceAgentsAgentTest extends FenceAgentContract {
    private static final Logger log = LoggerFactory.getLogger(FenceAgentsAgentTest.class);
    private static final NodeId NODE_B = new NodeId("node-b");
    /** A port in the BMC's namespace where nothing listens: fence_ipmilan retries there until killed. */
    private static final String DEAD_PORT = "6623";

    private IpmiSimLab lab;

    @BeforeAll
    void startBmc() throws IOException {
        lab = IpmiSimLab.start();
    }

    @AfterAll
    void stopBmc() {
        if (lab != null) {
            lab.close();
        }
    }

    @Override
    protected FenceAgent agent() {
        return new FenceAgentsAgent(lab.device("ipmi-b", NODE_B), new AgentProcess(Clock.system()));
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
        Map<String, String> o = new LinkedHashMap<>(lab.fenceOptions());
        o.put("ipport", DEAD_PORT);
        return new FenceAgentsAgent(FenceDevice.of("ipmi-dead", lab.fenceAgentPath().toString(), o),
                new AgentProcess(Clock.system()));
    }

    /** fence_ipmilan and the ipmitool it started are gone: only ipmi_sim is left in the namespace. */
    @Override
    protected void assertHangingAgentLeftNothingBehind() {
        await().atMost(Timing.seconds(5)).untilAsserted(
                () -> assertEquals(List.of(lab.bmcPid()), lab.pidsInNamespace(), "processes left in " + lab.namespace()));
    }

    @Test
    void offPowersTheMachineOffThroughTheBmcAndOnBringsItBack() throws IOException {
        FenceAgent agent = agent();
        assertOk(agent.run(FenceAction.ON, NODE_B, timeout()), "on");
        int before = lab.powerOffs();
        Path marker = lab.dir().resolve("hook-ran");
        lab.onPowerOff("echo \"powered off at $(date +%s.%N)\" >> " + marker);

        FenceResult off = agent.run(FenceAction.OFF, NODE_B, timeout());
        assertOk(off, "off");
        assertEquals(before + 1, lab.powerOffs(), "the machine's power-off script ran once");
        assertEquals(1, Files.readAllLines(marker).size(), "the power-off hook ran once");
        assertFalse(lab.poweredOn());
        assertEquals(PowerState.OFF, agent.run(FenceAction.STATUS, NODE_B, timeout()).power());

        assertOk(agent.run(FenceAction.ON, NODE_B, timeout()), "on");
        assertTrue(lab.poweredOn());
        assertEquals(PowerState.ON, agent.run(FenceAction.STATUS, NODE_B, timeout()).power());
    }

    @Test
    void aWrongPasswordFailsWithTheAgentsWordsAndTouchesNothing() throws IOException {
        FenceAgent agent = agent();
        assertOk(agent.run(FenceAction.ON, NODE_B, timeout()), "on");
        int before = lab.powerOffs();
        Map<String, String> o = new LinkedHashMap<>(lab.fenceOptions());
        o.put("password", "not-the-password");
        FenceAgent wrong = new FenceAgentsAgent(FenceDevice.of("ipmi-b", lab.fenceAgentPath().toString(), o),
                new AgentProcess(Clock.system()));

        FenceResult r = wrong.run(FenceAction.OFF, NODE_B, timeout());

        assertEquals(Outcome.FAILED, r.outcome(), r.toString());
        assertTrue(r.detail().startsWith("ipmi-b off failed (exit 1): "), r.detail());
        assertTrue(r.detail().contains("Unable to obtain correct plug status"), r.detail());
        assertFalse(r.detail().contains("not-the-password"), r.detail());
        assertEquals(before, lab.powerOffs(), "no power-off");
        assertTrue(lab.poweredOn());
    }

    @Test
    void theExecutorPowersOffAndVerifiesWithStatus() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            assertOk(agent().run(FenceAction.ON, NODE_B, timeout()), "on");
            FenceExecutor executor = FenceExecutor.builder(workers, timers, Clock.system())
                    .agent(agent()).timeout(Timing.seconds(30)).build();
            int before = lab.powerOffs();

            FenceResult r = executor.off(NODE_B).get(60, TimeUnit.SECONDS);

            log.info("off + verify through fence_ipmilan and ipmi_sim took {} ms: {}", r.took().toMillis(), r.detail());
            assertEquals(Outcome.OK, r.outcome(), r.toString());
            assertEquals(PowerState.OFF, r.power());
            assertTrue(r.detail().contains("verify: ipmi-b status: off"), r.detail());
            assertEquals(before + 1, lab.powerOffs());
            assertEquals(1, executor.history().entries().size());
        } finally {
            workers.shutdownNow();
            timers.shutdownNow();
        }
    }

    @Test
    void anUnreachableBmcIsATimeoutWithinTheBound() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        Duration timeout = Timing.seconds(5);
        Duration grace = Duration.ofSeconds(1);
        lab.stopBmc();
        try {
            FenceExecutor executor = FenceExecutor.builder(workers, timers, Clock.system())
                    .agent(agent()).timeout(timeout).grace(grace).build();
            long start = System.nanoTime();

            FenceResult r = executor.off(NODE_B).get(60, TimeUnit.SECONDS);

            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            log.info("off with the BMC down ended {} after {} ms: {}", r.outcome(), waited.toMillis(), r.detail());
            assertTrue(r.outcome() == Outcome.TIMEOUT || r.outcome() == Outcome.FAILED, r.toString());
            assertEquals(PowerState.UNKNOWN, r.power());
            assertTrue(waited.compareTo(timeout.plus(grace).plus(Timing.seconds(2))) < 0, "ended within the bound: " + waited);
            await().atMost(Timing.seconds(5)).untilAsserted(
                    () -> assertEquals(List.of(), lab.pidsInNamespace(), "fence_ipmilan and ipmitool were killed"));
        } finally {
            workers.shutdownNow();
            timers.shutdownNow();
            lab.startBmc();
        }
    }
}
