package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The link monitor on the real kernel, inside a namespace of the test's own ({@link NetnsLab}:
 * hlv0-hlv1 up, hlv2-hlv3 down): the dump at start, a link set down, a carrier lost when the veth
 * peer goes down, a link deleted, and a resync after the kernel dropped messages. A fresh lab per
 * test; the namespace is deleted even when a test fails. Needs root.
 */
@Tag("netns")
class LinkMonitorNamespaceTest {
    private NetnsLab lab;

    @BeforeEach
    void startLab() throws Exception {
        assertTrue(NetnsLab.usable(), "this test needs root and iproute2 (run scripts/test as root)");
        lab = new NetnsLab();
        try {
            lab.start();
        } catch (Exception e) {
            lab.close();
            throw e;
        }
    }

    @AfterEach
    void stopLab() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theDumpAtStartGivesEveryInterfacesState() throws Exception {
        assertEquals("ok", lab.agent("links"));
        assertOk(lab.agent("await hlv0 up"));
        assertOk(lab.agent("await hlv2 set down"));
        assertOk(lab.agent("await lo up"));
    }

    @Test
    void setDownAndNoCarrierAreToldApart() throws Exception {
        assertEquals("ok", lab.agent("links"));
        assertOk(lab.agent("await hlv0 up"));

        lab.ip("link", "set", "hlv0", "down");
        assertOk(lab.agent("await hlv0 set down"));
        lab.ip("link", "set", "hlv0", "up");
        assertOk(lab.agent("await hlv0 up"));

        lab.ip("link", "set", "hlv1", "down");        // the peer end: hlv0 loses its carrier
        String noCarrier = lab.agent("await hlv0 no carrier");
        assertOk(noCarrier);
        assertTrue(noCarrier.contains("operstate LOWER_LAYER_DOWN"), noCarrier);
        lab.ip("link", "set", "hlv1", "up");
        assertOk(lab.agent("await hlv0 up"));
    }

    @Test
    void aDeletedInterfaceIsGone() throws Exception {
        assertEquals("ok", lab.agent("links"));
        lab.ip("link", "add", "hlv4", "type", "veth", "peer", "name", "hlv5");
        assertOk(lab.agent("await hlv4 set down"));
        lab.ip("link", "del", "hlv4");
        assertOk(lab.agent("await hlv4 gone"));
    }

    @Test
    void afterAnOverrunEveryInterfaceIsReadAgain() throws Exception {
        assertEquals("ok", lab.agent("links small"));    // the smallest receive buffer the kernel allows
        assertOk(lab.agent("await hlv2 set down"));
        assertEquals("ok", lab.agent("links-hold"));            // the reader blocks in the listener: the socket fills
        for (int i = 0; i < 20; i++) {
            lab.ip("link", "set", "hlv2", i % 2 == 0 ? "up" : "down");
        }
        lab.ip("link", "set", "hlv3", "up");
        lab.ip("link", "set", "hlv2", "up");
        assertEquals("ok", lab.agent("links-go"));
        assertOk(lab.agent("await hlv2 up"));
        long overruns = Long.parseLong(lab.agent("overruns"));
        assertTrue(overruns >= 1, "the kernel dropped messages and the monitor dumped again: " + overruns);
    }

    private static void assertOk(String reply) {
        assertTrue(reply.startsWith("ok "), reply);
    }
}
