package io.heartline.daemon.reload;

import io.heartline.testkit.SecretFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.HeartlineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload applies and what it refuses, on real configs. */
class ConfigDiffTest {
    @TempDir
    Path dir;

    static final String BASE = """
            heartline {
              node = node-a
              nodes = [ { name = node-a, address = "10.0.0.1", priority = 100 }, { name = node-b, address = "10.0.0.2" } ]
              timing { interval = 200ms, deadtime = 1s }
              auth-key-file = "DIR/authkey"
              media = [ { type = multicast, interface = eth0, group = "239.1.1.1", port = 7000 } ]
              groups = [ { name = web, vips = [ VIPS ], resources = [ RES ] } ]
              control-socket = "DIR/run/control.sock"
              state-dir = "DIR/state"
              fencing = off
              resource-dir = "DIR/res"
            }
            """;
    static final String VIP1 = "{ address = \"10.0.0.10/24\", interface = eth0 }";
    static final String VIP2 = "{ address = \"10.0.0.11/24\", interface = eth0 }";

    HeartlineConfig load(String name, String text) throws Exception {
        SecretFiles.write(dir.resolve("authkey"), "0123456789abcdef0123456789abcdef");
        Files.createDirectories(dir.resolve("res"));
        Path script = dir.resolve("res/x");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        script.toFile().setExecutable(true);
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("DIR", dir.toString()));
        return ConfigLoader.load(f);
    }

    HeartlineConfig config(String name, String vips, String res) throws Exception {
        return load(name, BASE.replace("VIPS", vips).replace("RES", res));
    }

    @Test
    void theSameConfigOnOtherLinesIsNoChange() throws Exception {
        HeartlineConfig a = config("a.conf", VIP1, "{ name = x, type = script, params { script = x } }");
        HeartlineConfig b = load("b.conf", "\n\n" + BASE.replace("VIPS", VIP1)
                .replace("RES", "{ name = x, type = script, params { script = x } }"));
        assertTrue(ConfigDiff.of(a, b).empty(), ConfigDiff.of(a, b).toString());
    }

    @Test
    void vipsAddedAndRemovedAndTimingsAreApplied() throws Exception {
        HeartlineConfig a = config("a.conf", VIP1, "");
        HeartlineConfig b = load("b.conf", BASE.replace("VIPS", VIP2 + ", " + VIP1).replace("RES", "")
                .replace("interval = 200ms", "interval = 100ms"));
        ConfigDiff d = ConfigDiff.of(a, b);
        assertEquals(List.of("timing.interval: 200ms -> 100ms", "timing.suspect-after: 600ms -> 300ms",
                "vip 10.0.0.11/24 dev eth0 added to group web"), d.changes(), "suspect-after follows the interval (3 x)");
        assertEquals(List.of(), d.restart());
        assertEquals(2, d.vips().get("web").size());
        ConfigDiff back = ConfigDiff.of(b, a);
        assertEquals(List.of("timing.interval: 100ms -> 200ms", "timing.suspect-after: 300ms -> 600ms",
                "vip 10.0.0.11/24 dev eth0 removed from group web"), back.changes());
    }

    @Test
    void everythingElseNeedsARestart() throws Exception {
        HeartlineConfig a = config("a.conf", VIP1, "");
        HeartlineConfig b = load("b.conf", BASE.replace("VIPS", VIP1)
                .replace("RES", "{ name = x, type = script, params { script = x } }")
                .replace("port = 7000", "port = 7001").replace("node-b\" }", "node-b\" }"));
        ConfigDiff d = ConfigDiff.of(a, b);
        assertEquals(List.of("group web: resources", "media"), d.restart());
        assertNull(d.timing());
        HeartlineConfig renamed = load("c.conf", BASE.replace("VIPS", VIP1).replace("RES", "").replace("name = web", "name = www"));
        assertTrue(ConfigDiff.of(a, renamed).restart().get(0).startsWith("groups: [web] -> [www]"),
                ConfigDiff.of(a, renamed).toString());
    }

    @Test
    void aNewRealtimePriorityNeedsARestart() throws Exception {
        HeartlineConfig a = config("a.conf", VIP1, "");
        HeartlineConfig b = load("b.conf", BASE.replace("VIPS", VIP1).replace("RES", "")
                .replace("deadtime = 1s }", "deadtime = 1s, realtime-priority = 10 }"));
        assertTrue(ConfigDiff.of(a, b).restart().get(0).startsWith("timing.realtime-priority"), ConfigDiff.of(a, b).toString());
    }

    @Test
    void aNewProbePortOrTurningTheDetectorOnOrOffNeedsARestartOtherDetectorTimingsApply() throws Exception {
        HeartlineConfig a = config("a.conf", VIP1, "");
        HeartlineConfig port = load("b.conf", BASE.replace("VIPS", VIP1).replace("RES", "")
                .replace("deadtime = 1s }", "deadtime = 1s, probe-port = 5999 }"));
        assertEquals(List.of("timing.probe-port (opened at start)"), ConfigDiff.of(a, port).restart());
        HeartlineConfig off = load("c.conf", BASE.replace("VIPS", VIP1).replace("RES", "")
                .replace("deadtime = 1s }", "deadtime = 1s, suspect-after = 1s }"));
        assertEquals(List.of("timing.suspect-after turns the two-stage detector off (its probe port is opened at start)"),
                ConfigDiff.of(a, off).restart());
        assertTrue(ConfigDiff.of(off, a).restart().get(0).contains("detector on"), ConfigDiff.of(off, a).toString());
        HeartlineConfig slower = load("d.conf", BASE.replace("VIPS", VIP1).replace("RES", "")
                .replace("deadtime = 1s }", "deadtime = 1s, suspect-after = 800ms, confirm-timeout = 10ms }"));
        ConfigDiff d = ConfigDiff.of(a, slower);
        assertTrue(d.restart().isEmpty(), d.toString());
        assertEquals(List.of("timing.suspect-after: 600ms -> 800ms", "timing.confirm-timeout: 20ms -> 10ms"), d.changes());
    }

    @Test
    void theFirstVipOfAGroupWithoutVipsNeedsARestart() throws Exception {
        HeartlineConfig a = config("a.conf", "", "{ name = x, type = script, params { script = x } }");
        HeartlineConfig b = config("b.conf", VIP1, "{ name = x, type = script, params { script = x } }");
        assertTrue(ConfigDiff.of(a, b).restart().get(0).contains("its first VIP"), ConfigDiff.of(a, b).toString());
    }
}
