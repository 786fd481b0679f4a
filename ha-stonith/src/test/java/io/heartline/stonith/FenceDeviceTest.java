package io.heartline.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FenceDeviceTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void nodeOptionsOverrideSharedOnesAndOnlyNamedNodesAreFenced() {
        FenceDevice d = new FenceDevice("ipmi", "fence_ipmilan", ordered("username", "admin", "ip", "unset", "lanplus", "1"),
                Map.of(A, ordered("ip", "10.0.0.11"), B, ordered("ip", "10.0.0.12", "username", "root")));
        assertEquals("/usr/sbin/fence_ipmilan", d.agentPath(), "a bare name is Debian's agent");
        assertEquals(ordered("username", "admin", "ip", "10.0.0.11", "lanplus", "1"), d.optionsFor(A));
        assertEquals(ordered("username", "root", "ip", "10.0.0.12", "lanplus", "1"), d.optionsFor(B));
        assertTrue(d.fences(A));
        assertFalse(d.fences(new NodeId("node-z")));
        assertTrue(FenceDevice.of("pdu", "/opt/fence_x", Map.of()).fences(new NodeId("node-z")), "no node list: any node");
    }

    @Test
    void toStringMasksSecrets() {
        FenceDevice d = new FenceDevice("ipmi", "fence_ipmilan", ordered("password", "pw-1", "passwd", "pw-2"),
                Map.of(A, ordered("snmp_priv_passwd", "pw-3", "hexadecimal_kg", "pw-4", "ip", "10.0.0.11")));
        String s = d.toString();
        for (String secret : new String[] {"pw-1", "pw-2", "pw-3", "pw-4"}) {
            assertFalse(s.contains(secret), s);
        }
        assertTrue(s.contains("10.0.0.11"), s);
    }

    @Test
    void whatTheFenceAgentApiForbidsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FenceDevice.of("x", "fence_x", Map.of("bad key", "v")));
        assertThrows(IllegalArgumentException.class, () -> FenceDevice.of("x", "fence_x", Map.of("k", "two\nlines")));
        assertThrows(IllegalArgumentException.class, () -> FenceDevice.of("x", "fence_x", Map.of("action", "off")));
        assertThrows(IllegalArgumentException.class,
                () -> new FenceDevice("x", "fence_x", Map.of(), Map.of(A, Map.of("option", "reboot"))));
        assertThrows(IllegalArgumentException.class, () -> FenceDevice.of(" ", "fence_x", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> FenceDevice.of("x", "", Map.of()));
    }
}
