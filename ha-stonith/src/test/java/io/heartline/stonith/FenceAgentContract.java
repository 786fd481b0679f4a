package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract kit every {@link FenceAgent}'s test extends (published in {@code ha-stonith:tests}).
 * One instance per class, so a subclass may start an expensive device once in a non-static
 * {@code @BeforeAll}. The tests are public so that subclasses in any package inherit them.
 *
 * <ul>
 *   <li>off, then status says off;</li>
 *   <li>on, then status says on;</li>
 *   <li>off twice is fine (both OK, still off);</li>
 *   <li>status of a node the agent does not know fails cleanly: FAILED with a detail, no exception, no hang;</li>
 *   <li>a hanging agent is stopped at the timeout and reported TIMEOUT, and leaves nothing running.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FenceAgentContract {

    /** The agent under test; it can fence {@link #target()}. Called once per test. */
    protected abstract FenceAgent agent();

    /** A node the agent fences. */
    protected abstract NodeId target();

    /** A node the agent knows nothing about. */
    protected abstract NodeId unknownNode();

    /** An agent of the same kind whose every operation hangs (a stuck device, an unreachable BMC, a silent operator). */
    protected abstract FenceAgent hangingAgent();

    /** Fails if anything the hanging agent started is still there (processes, waiting requests). */
    protected abstract void assertHangingAgentLeftNothingBehind() throws Exception;

    /** The timeout for operations that should succeed. */
    protected Duration timeout() {
        return Timing.seconds(30);
    }

    /** The timeout given to the hanging agent. */
    protected Duration hangTimeout() {
        return Timing.seconds(2);
    }

    /** How far past {@link #hangTimeout()} the hanging agent may return. */
    protected Duration hangSlack() {
        return Timing.seconds(3);
    }

    @Test
    public void offThenStatusSaysOff() {
        FenceAgent agent = agent();
        FenceResult off = agent.run(FenceAction.OFF, target(), timeout());
        assertOk(off, "off");
        FenceResult status = agent.run(FenceAction.STATUS, target(), timeout());
        assertOk(status, "status after off");
        assertEquals(PowerState.OFF, status.power(), "status after off: " + status);
    }

    @Test
    public void onThenStatusSaysOn() {
        FenceAgent agent = agent();
        assertOk(agent.run(FenceAction.OFF, target(), timeout()), "off");
        FenceResult on = agent.run(FenceAction.ON, target(), timeout());
        assertOk(on, "on");
        FenceResult status = agent.run(FenceAction.STATUS, target(), timeout());
        assertOk(status, "status after on");
        assertEquals(PowerState.ON, status.power(), "status after on: " + status);
    }

    @Test
    public void offTwiceIsFine() {
        FenceAgent agent = agent();
        assertOk(agent.run(FenceAction.OFF, target(), timeout()), "first off");
        assertOk(agent.run(FenceAction.OFF, target(), timeout()), "second off");
        FenceResult status = agent.run(FenceAction.STATUS, target(), timeout());
        assertEquals(PowerState.OFF, status.power(), "status after two offs: " + status);
    }

    @Test
    public void statusOfAnUnknownNodeFailsCleanly() {
        FenceResult r = agent().run(FenceAction.STATUS, unknownNode(), timeout());
        assertEquals(Outcome.FAILED, r.outcome(), "status of unknown " + unknownNode() + ": " + r);
        assertEquals(PowerState.UNKNOWN, r.power(), r.toString());
        assertFalse(r.detail().isBlank(), "a failure says why: " + r);
        assertTrue(r.took().compareTo(timeout()) < 0, "answered before the timeout: " + r);
    }

    @Test
    public void aHangingAgentIsStoppedAtTheTimeoutAndReportedAsTimeout() throws Exception {
        Duration timeout = hangTimeout();
        FenceResult r = hangingAgent().run(FenceAction.OFF, target(), timeout);
        assertEquals(Outcome.TIMEOUT, r.outcome(), "a hanging off: " + r);
        assertEquals(PowerState.UNKNOWN, r.power(), r.toString());
        assertFalse(r.detail().isBlank(), r.toString());
        assertTrue(r.took().compareTo(timeout) >= 0, "not before the timeout " + timeout + ": " + r);
        assertTrue(r.took().compareTo(timeout.plus(hangSlack())) <= 0, "soon after the timeout " + timeout + ": " + r);
        assertHangingAgentLeftNothingBehind();
    }

    /** Asserts {@code r} is OK, with the whole result in the message. */
    protected static void assertOk(FenceResult r, String what) {
        assertNotNull(r, what);
        assertEquals(Outcome.OK, r.outcome(), what + ": " + r);
        assertNotNull(r.took(), what);
    }
}
