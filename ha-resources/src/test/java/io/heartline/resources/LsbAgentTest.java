package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LsbAgentTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "status exit {0} -> {1}")
    @CsvSource({"0, SUCCESS", "1, ERR_GENERIC", "2, ERR_GENERIC", "3, NOT_RUNNING", "4, ERR_GENERIC", "150, ERR_GENERIC"})
    void statusExitCodes(int exit, OcfStatus expected) throws Exception {
        assertEquals(expected, run("status", exit, Operation.MONITOR));
    }

    @ParameterizedTest(name = "start exit {0} -> {1}")
    @CsvSource({"0, SUCCESS", "1, ERR_GENERIC", "2, ERR_ARGS", "3, ERR_UNIMPLEMENTED", "4, ERR_PERM", "5, ERR_INSTALLED",
        "6, ERR_CONFIGURED", "7, ERR_GENERIC", "100, ERR_GENERIC"})
    void actionExitCodes(int exit, OcfStatus expected) throws Exception {
        assertEquals(expected, run("start", exit, Operation.START));
        assertEquals(expected, run("stop", exit, Operation.STOP));
    }

    @Test
    void noMetaDataAndValidateChecksTheScript() throws Exception {
        LsbAgent missing = new LsbAgent("nope", AgentSettings.defaults().withInitDir(dir));
        assertEquals(OcfStatus.ERR_INSTALLED, missing.run(Operation.VALIDATE, Duration.ofSeconds(5)).status());
        assertEquals(OcfStatus.ERR_UNIMPLEMENTED, missing.run(Operation.META_DATA, Duration.ofSeconds(5)).status());
        assertEquals("lsb:nope", missing.describe());
    }

    private OcfStatus run(String action, int exit, Operation op) throws Exception {
        TestScripts.write(dir, "svc", "#!/bin/sh\n[ \"$1\" = " + action + " ] && exit " + exit + "\nexit 99\n");
        return new LsbAgent("svc", AgentSettings.defaults().withInitDir(dir)).run(op, Duration.ofSeconds(5)).status();
    }
}
