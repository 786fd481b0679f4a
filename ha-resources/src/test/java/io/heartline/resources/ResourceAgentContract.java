package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resource-agent contract kit, ported from ClusterLabs' {@code ocf-tester}: every agent kind
 * (and every agent a user plugs in) extends this class and supplies {@link #createAgent()}
 * configured with good parameters. Published in {@code ha-resources}' test-jar.
 *
 * <p>The checks, each from a clean, stopped resource: meta-data (valid OCF XML advertising start,
 * stop and monitor for OCF kinds, ERR_UNIMPLEMENTED for the others); validate-all succeeds;
 * monitor before start says NOT_RUNNING; start succeeds; start twice succeeds; monitor after start
 * says SUCCESS; stop succeeds; stop twice succeeds; stop without start succeeds; monitor after stop
 * says NOT_RUNNING; start after stop succeeds. Every operation must finish within
 * {@link #timeout()}. Like ocf-tester, each test first stops a resource found running.
 */
public abstract class ResourceAgentContract {
    /** The agent under test, made fresh for each test by {@link #createAgent()}. */
    protected ResourceAgent agent;

    /** An agent for one resource instance, configured with parameters that validate. */
    protected abstract ResourceAgent createAgent() throws Exception;

    /** True for OCF agents (meta-data must be valid OCF XML); false for kinds without meta-data. */
    protected abstract boolean hasMetaData();

    /** The bound for every operation; 30 s unless a subclass says otherwise. */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void cleanStart() throws Exception {
        agent = createAgent();
        OperationResult state = run(Operation.MONITOR);
        if (state.status() != OcfStatus.NOT_RUNNING) {
            expect(OcfStatus.SUCCESS, run(Operation.STOP), "the agent was active and could not be stopped");
        }
    }

    @AfterEach
    void cleanEnd() throws Exception {
        if (agent != null) {
            run(Operation.STOP);
        }
        afterContract();
    }

    /** Runs after each test's final stop: for what a subclass must tear down beyond it. */
    protected void afterContract() throws Exception {
    }

    @Test
    void metaData() {
        OperationResult r = run(Operation.META_DATA);
        if (!hasMetaData()) {
            expect(OcfStatus.ERR_UNIMPLEMENTED, r, "an agent kind without meta-data must say so");
            return;
        }
        expect(OcfStatus.SUCCESS, r, "the meta-data action cannot fail and must return 0");
        MetaData md;
        try {
            md = MetaDataParser.parse(r.output());
        } catch (InvalidMetaDataException e) {
            fail("meta-data does not conform to the OCF RA API: " + e.getMessage());
            return;
        }
        for (String action : List.of("start", "stop", "monitor", "meta-data")) {
            assertTrue(md.action(action).isPresent(), "meta-data must advertise the mandatory action " + action);
        }
    }

    @Test
    void validateAllSucceedsWithGoodParameters() {
        expect(OcfStatus.SUCCESS, run(Operation.VALIDATE), "validation failed with good parameters");
    }

    @Test
    void monitorBeforeStartSaysNotRunning() {
        expect(OcfStatus.NOT_RUNNING, run(Operation.MONITOR), "monitoring a stopped resource should return 7");
    }

    @Test
    void startSucceeds() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
    }

    @Test
    void monitorAfterStartSaysRunning() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        expect(OcfStatus.SUCCESS, run(Operation.MONITOR), "monitoring an active resource should return 0");
    }

    @Test
    void startTwiceSucceeds() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        expect(OcfStatus.SUCCESS, run(Operation.START), "starting a running resource is required to succeed");
        expect(OcfStatus.SUCCESS, run(Operation.MONITOR), "monitoring an active resource should return 0");
    }

    @Test
    void stopSucceeds() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stop failed");
    }

    @Test
    void monitorAfterStopSaysNotRunning() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stop failed");
        expect(OcfStatus.NOT_RUNNING, run(Operation.MONITOR), "monitoring a stopped resource should return 7");
    }

    @Test
    void stopTwiceSucceeds() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stop failed");
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stopping a stopped resource is required to succeed");
        expect(OcfStatus.NOT_RUNNING, run(Operation.MONITOR), "monitoring a stopped resource should return 7");
    }

    @Test
    void stopWithoutStartSucceeds() {
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stopping a never-started resource is required to succeed");
    }

    @Test
    void startAfterStopSucceeds() {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stop failed");
        expect(OcfStatus.SUCCESS, run(Operation.START), "restarting the resource failed");
        expect(OcfStatus.SUCCESS, run(Operation.MONITOR), "monitoring an active resource should return 0");
    }

    /** Runs one operation on the agent with {@link #timeout()}; it must not time out. */
    protected OperationResult run(Operation op) {
        OperationResult r = agent.run(op, timeout());
        System.out.printf("contract %s: %s %s %d ms%n", agent.describe(), op.ocfAction(), r.status(), r.took().toMillis());
        assertFalse(r.timedOut(), agent.describe() + ": " + op.ocfAction() + " timed out: " + r.output());
        return r;
    }

    /** Asserts {@code r} has {@code expected}, with the agent's output in the message. */
    protected void expect(OcfStatus expected, OperationResult r, String why) {
        assertEquals(expected, r.status(), agent.describe() + ": " + why + " (" + r.summary() + ")"
                + (r.output().isBlank() ? "" : "\n--- agent output ---\n" + r.output().strip()));
    }
}
