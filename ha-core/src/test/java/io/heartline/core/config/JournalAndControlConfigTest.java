package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code journal} and {@code control} sections: defaults when absent, sizes in HOCON units, every bound named by key. */
class JournalAndControlConfigTest {
    @TempDir
    Path dir;

    private ConfigProblem onlyProblem(String extra) throws Exception {
        List<ConfigProblem> p = TestConfigFiles.problems(dir, extra);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void absentSectionsTakeTheDefaults() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir, "");
        assertEquals(new JournalConfig(16L << 20, 10), c.journal());
        assertEquals(new ControlConfig(64, Duration.ofSeconds(5), 64 << 10, "heartline-admin"), c.control());
        assertEquals(JournalConfig.DEFAULT, TestConfigFiles.load(dir, "journal {}").journal());
        assertEquals(ControlConfig.DEFAULT, TestConfigFiles.load(dir, "control {}").control());
    }

    @Test
    void journalSizesTakeHoconUnits() throws Exception {
        JournalConfig j = TestConfigFiles.load(dir, "journal { max-file-size = 64KiB, keep = 1000 }").journal();
        assertEquals(65536, j.maxFileBytes());
        assertEquals(1000, j.keep());
        assertEquals(1L << 30, TestConfigFiles.load(dir, "journal { max-file-size = 1GiB }").journal().maxFileBytes());
        assertEquals(3, TestConfigFiles.load(dir, "journal { keep = 3 }").journal().keep());
        assertEquals(16L << 20, TestConfigFiles.load(dir, "journal { keep = 3 }").journal().maxFileBytes(),
                "an absent key keeps its default beside a given one");
    }

    @Test
    void journalBoundsAreNamedByKeyAndLine() throws Exception {
        ConfigProblem small = onlyProblem("  journal { max-file-size = 1KiB }");
        assertEquals("heartline.journal.max-file-size", small.key());
        assertEquals(11, small.line());
        assertEquals("1KiB is out of range 64KiB..1GiB", small.message());
        assertTrue(onlyProblem("journal { max-file-size = 2GiB }").message().contains("out of range"));
        assertEquals("must be a size such as 64KiB or 16MiB", onlyProblem("journal { max-file-size = big }").message());
        assertEquals("0 is out of range 1..1000", onlyProblem("journal { keep = 0 }").message());
        assertEquals("heartline.journal.keep", onlyProblem("journal { keep = 1001 }").key());
        assertEquals("heartline.journal.rotate", onlyProblem("journal { rotate = daily }").key());
        assertEquals("heartline.journal", onlyProblem("journal = off").key());
    }

    @Test
    void controlLimitsAreRead() throws Exception {
        ControlConfig c = TestConfigFiles.load(dir,
                "control { max-connections = 4096, idle-timeout = 100ms, max-request = 1MiB, admin-group = wheel }").control();
        assertEquals(new ControlConfig(4096, Duration.ofMillis(100), 1 << 20, "wheel"), c);
        assertEquals(1024, TestConfigFiles.load(dir, "control { max-request = 1KiB }").control().maxRequestBytes());
        assertEquals(Duration.ofMinutes(10), TestConfigFiles.load(dir, "control { idle-timeout = 10m }").control().idleTimeout());
    }

    @Test
    void controlBoundsAreNamedByKey() throws Exception {
        assertEquals("heartline.control.max-connections", onlyProblem("control { max-connections = 0 }").key());
        assertEquals("4097 is out of range 1..4096", onlyProblem("control { max-connections = 4097 }").message());
        assertEquals("99ms is out of range 100ms..600s", onlyProblem("control { idle-timeout = 99ms }").message());
        assertEquals("heartline.control.idle-timeout", onlyProblem("control { idle-timeout = 11m }").key());
        assertEquals("1023B is out of range 1KiB..1MiB", onlyProblem("control { max-request = 1023 }").message());
        assertEquals("heartline.control.max-request", onlyProblem("control { max-request = 2MiB }").key());
        ConfigProblem group = onlyProblem("control { admin-group = \"ops team\" }");
        assertEquals("heartline.control.admin-group", group.key());
        assertTrue(group.message().contains("not a Unix group name"), group.message());
    }

    @Test
    void theControlSocketKeyStaysWhereItWas() throws Exception {
        HeartlineConfig c = TestConfigFiles.load(dir, "control { max-connections = 8 }");
        assertEquals(dir.resolve("control.sock"), c.controlSocket());
        assertEquals(8, c.control().maxConnections());
    }

    @Test
    void theRecordsCheckTheirBoundsToo() {
        assertThrows(IllegalArgumentException.class, () -> new JournalConfig(1024, 10));
        assertThrows(IllegalArgumentException.class, () -> new JournalConfig(16L << 20, 0));
        assertThrows(IllegalArgumentException.class, () -> new ControlConfig(0, Duration.ofSeconds(5), 65536, "g"));
        assertThrows(IllegalArgumentException.class, () -> new ControlConfig(1, Duration.ofMillis(10), 65536, "g"));
        assertThrows(IllegalArgumentException.class, () -> new ControlConfig(1, Duration.ofSeconds(5), 100, "g"));
        assertThrows(IllegalArgumentException.class, () -> new ControlConfig(1, Duration.ofSeconds(5), 65536, "-g"));
        assertThrows(IllegalArgumentException.class, () -> new MetricsConfig(null, 0, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new MetricsConfig(null, 16, Duration.ofHours(1)));
    }
}
