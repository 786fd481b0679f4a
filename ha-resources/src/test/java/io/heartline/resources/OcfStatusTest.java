package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OcfStatusTest {
    @Test
    void exitCodesMapToStatusesAndUnknownOnesAreGenericErrors() {
        for (OcfStatus s : OcfStatus.values()) {
            assertEquals(s, OcfStatus.fromExit(s.code()));
        }
        assertEquals(7, OcfStatus.NOT_RUNNING.code());
        assertEquals(OcfStatus.ERR_GENERIC, OcfStatus.fromExit(10));
        assertEquals(OcfStatus.ERR_GENERIC, OcfStatus.fromExit(-1));
        assertEquals(OcfStatus.ERR_GENERIC, OcfStatus.fromExit(255));
    }

    @Test
    void severities() {
        assertEquals(OcfStatus.Severity.SOFT, OcfStatus.ERR_GENERIC.severity());
        assertEquals(OcfStatus.Severity.HARD, OcfStatus.ERR_INSTALLED.severity());
        assertEquals(OcfStatus.Severity.HARD, OcfStatus.ERR_PERM.severity());
        assertEquals(OcfStatus.Severity.FATAL, OcfStatus.ERR_CONFIGURED.severity());
        assertEquals(OcfStatus.Severity.NONE, OcfStatus.NOT_RUNNING.severity());
    }
}
