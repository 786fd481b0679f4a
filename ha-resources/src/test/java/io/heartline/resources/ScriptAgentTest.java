package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptAgentTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "exit {0}, \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
        "0 | httpd is running                 | SUCCESS",
        "3 | httpd is running                 | SUCCESS",
        "0 | Running                          | SUCCESS",
        "1 | status: OK                       | SUCCESS",
        "0 | httpd is not running             | NOT_RUNNING",
        "0 | NOT running                      | NOT_RUNNING",
        "0 | not currently Running            | NOT_RUNNING",
        "0 | ok                               | NOT_RUNNING",
        "0 | stopped                          | NOT_RUNNING",
        "3 | ''                               | NOT_RUNNING",
        "0 | ''                               | SUCCESS",
        "0 | '  '                             | SUCCESS",
    })
    void theHeartbeatStatusRule(int exit, String stdout, OcfStatus expected) {
        assertEquals(expected, ScriptAgent.statusFrom(exit, stdout));
    }

    @Test
    void notRunningMatchesAcrossLinesButNeedsTheSpaceAfterNot() {
        assertEquals(OcfStatus.NOT_RUNNING, ScriptAgent.statusFrom(0, "daemon is not \nrunning\n"));
        assertEquals(OcfStatus.SUCCESS, ScriptAgent.statusFrom(0, "daemon is not\nrunning\n"),
                "heartbeat's glob has a literal blank after NOT; a newline there reads as 'running'");
    }

    @Test
    void argumentsComeBeforeTheAction() throws Exception {
        Path log = dir.resolve("log");
        TestScripts.write(dir, "IPaddr", "#!/bin/sh\necho \"$@\" >> " + log + "\n[ \"$3\" = status ] && echo stopped\nexit 0\n");
        ScriptAgent agent = agent("IPaddr", List.of("10.0.0.1", "eth0"));
        assertTrue(agent.run(Operation.START, T).succeeded());
        assertEquals(List.of("10.0.0.1 eth0 status", "10.0.0.1 eth0 start"), Files.readAllLines(log),
                "heartbeat asks status before start");
        assertEquals("script:IPaddr::10.0.0.1::eth0", agent.describe());
    }

    @Test
    void startDoesNothingWhenStatusSaysRunning() throws Exception {
        Path log = dir.resolve("log");
        TestScripts.write(dir, "svc", "#!/bin/sh\necho \"$1\" >> " + log + "\n[ \"$1\" = status ] && echo running\nexit 0\n");
        OperationResult r = agent("svc", List.of()).run(Operation.START, T);
        assertTrue(r.succeeded());
        assertTrue(r.output().startsWith("already running"));
        assertEquals(List.of("status"), Files.readAllLines(log));
    }

    @Test
    void aFailingStopOfAStoppedResourceCountsAsStopped() throws Exception {
        TestScripts.write(dir, "svc", "#!/bin/sh\ncase $1 in stop) echo 'no such process' >&2; exit 1;; status) echo 'svc is stopped';; esac\n");
        OperationResult r = agent("svc", List.of()).run(Operation.STOP, T);
        assertEquals(OcfStatus.SUCCESS, r.status());
        assertTrue(r.output().contains("not LSB-compliant"), r.output());
    }

    @Test
    void aFailingStopOfARunningResourceFails() throws Exception {
        TestScripts.write(dir, "svc", "#!/bin/sh\ncase $1 in stop) exit 1;; status) echo 'svc is running';; esac\n");
        assertEquals(OcfStatus.ERR_GENERIC, agent("svc", List.of()).run(Operation.STOP, T).status());
    }

    @Test
    void startExitCodesAreReadAsLsbCodes() throws Exception {
        TestScripts.write(dir, "svc", "#!/bin/sh\ncase $1 in start) exit 5;; status) echo stopped;; esac\n");
        assertEquals(OcfStatus.ERR_INSTALLED, agent("svc", List.of()).run(Operation.START, T).status());
    }

    @Test
    void aHungStatusIsATimeoutNotNotRunning() throws Exception {
        TestScripts.write(dir, "svc", "#!/bin/sh\nsleep 30\n");
        OperationResult r = agent("svc", List.of()).run(Operation.MONITOR, Duration.ofMillis(300));
        assertTrue(r.timedOut());
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
    }

    @Test
    void missingAndNonExecutableScripts() throws Exception {
        assertEquals(OcfStatus.ERR_INSTALLED, agent("nope", List.of()).run(Operation.VALIDATE, T).status());
        Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
        assertEquals(OcfStatus.ERR_PERM, agent("plain", List.of()).run(Operation.START, T).status());
        assertEquals(OcfStatus.ERR_UNIMPLEMENTED, agent("nope", List.of()).run(Operation.META_DATA, T).status());
    }

    private ScriptAgent agent(String name, List<String> args) {
        return new ScriptAgent(name, args, AgentSettings.defaults().withScriptDir(dir));
    }
}
