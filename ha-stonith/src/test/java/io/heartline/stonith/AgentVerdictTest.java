package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.process.AgentProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exit codes to results, by the fence-agents API; what goes into the detail. */
class AgentVerdictTest {
    private static final Duration T = Duration.ofMillis(120);
    /** What fence_ipmilan 4.12 (Debian 12) prints on stderr for a wrong password. */
    private static final String IPMILAN_WRONG_PASSWORD = """
            /usr/sbin/fence_ipmilan:5: DeprecationWarning: 'pipes' is deprecated and slated for removal in Python 3.13
              from pipes import quote
            2026-11-21 21:21:01,475 ERROR: Failed: Unable to obtain correct plug status or plug is not available


            """;

    private static AgentProcess.Result exited(int code, String out, String err) {
        return new AgentProcess.Result(AgentProcess.Ending.EXITED, code, out, err, 0, 0, T, "");
    }

    @Test
    void statusZeroIsOnTwoIsOffOneIsAFailure() {
        assertEquals(FenceResult.ok(PowerState.ON, "ipmi status: on", T),
                AgentVerdict.of("ipmi", FenceAction.STATUS, exited(0, "Status: ON\n", "")));
        assertEquals(FenceResult.ok(PowerState.OFF, "ipmi status: off", T),
                AgentVerdict.of("ipmi", FenceAction.STATUS, exited(2, "Status: OFF\n", "")));
        assertEquals(FenceResult.failed("ipmi status failed (exit 1): Failed: Unable to obtain correct plug status or plug is not available", T),
                AgentVerdict.of("ipmi", FenceAction.STATUS, exited(1, "", "2026-11-21 21:21:01,475 ERROR: Failed: Unable to obtain correct plug status or plug is not available")));
        assertEquals(Outcome.FAILED, AgentVerdict.of("ipmi", FenceAction.STATUS, exited(3, "", "")).outcome(),
                "any other code is a failure too");
    }

    @Test
    void offOnRebootZeroIsSuccessAnythingElseFailure() {
        assertEquals(FenceResult.ok(PowerState.OFF, "ipmi off: done (Success: Powered OFF)", T),
                AgentVerdict.of("ipmi", FenceAction.OFF, exited(0, "Success: Powered OFF\n", "")));
        assertEquals(FenceResult.ok(PowerState.ON, "ipmi on: done", T),
                AgentVerdict.of("ipmi", FenceAction.ON, exited(0, "", "")));
        assertEquals(PowerState.UNKNOWN, AgentVerdict.of("ipmi", FenceAction.REBOOT, exited(0, "", "")).power(),
                "reboot vouches only for the off part");
        assertEquals(Outcome.FAILED, AgentVerdict.of("ipmi", FenceAction.OFF, exited(2, "", "")).outcome(),
                "2 means off only for status");
    }

    @Test
    void theDetailIsTheErrorLineWithoutPythonsWarningsOrTheTimestamp() {
        assertEquals("ipmi off failed (exit 1): Failed: Unable to obtain correct plug status or plug is not available",
                AgentVerdict.of("ipmi", FenceAction.OFF, exited(1, "", IPMILAN_WRONG_PASSWORD)).detail());
    }

    @Test
    void aTimeoutIsNeverASuccess() {
        AgentProcess.Result r = new AgentProcess.Result(AgentProcess.Ending.TIMED_OUT, -1, "",
                IPMILAN_WRONG_PASSWORD.lines().limit(2).reduce("", (a, b) -> a + b + "\n"), 0, 0, Duration.ofMillis(2003), "");
        assertEquals(FenceResult.timeout("ipmi off: no answer within 2.003 s, killed", Duration.ofMillis(2003)),
                AgentVerdict.of("ipmi", FenceAction.OFF, r));
    }

    @Test
    void notStartedAndInterruptedAreFailures() {
        assertEquals(FenceResult.failed("ipmi off: cannot run /nope: error=2, No such file or directory", T),
                AgentVerdict.of("ipmi", FenceAction.OFF, new AgentProcess.Result(AgentProcess.Ending.NOT_STARTED, -1, "", "", 0, 0, T,
                        "cannot run /nope: error=2, No such file or directory")));
        assertEquals(FenceResult.failed("ipmi status: interrupted, killed", T),
                AgentVerdict.of("ipmi", FenceAction.STATUS, new AgentProcess.Result(AgentProcess.Ending.INTERRUPTED, -1, "", "", 0, 0, T, "")));
    }

    @Test
    void aLongDetailIsCut() {
        String detail = AgentVerdict.of("ipmi", FenceAction.OFF, exited(1, "", "error " + "x".repeat(1000))).detail();
        assertEquals(300, AgentVerdict.summary(exited(1, "", "error " + "x".repeat(1000))).length());
        assertEquals(true, detail.endsWith("..."));
    }
}
