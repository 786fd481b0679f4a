package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that once escaped the loader as other exceptions, or came back without a line: each now a named problem. */
class HostileConfigTest {
    @TempDir
    Path dir;

    private ConfigProblem onlyProblem(String extra) throws Exception {
        List<ConfigProblem> p = TestConfigFiles.problems(dir, extra);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void aNulInAPathIsAProblem() throws Exception {
        ConfigProblem p = onlyProblem("state-dir = \"/var/lib/\\u0000x\"");
        assertEquals("heartline.state-dir", p.key());
        assertEquals(11, p.line());
    }

    @Test
    void aNullInASectionIsAProblem() throws Exception {
        ConfigProblem p = onlyProblem("groups = [ { name = g, resources = [ { type = script, params = null } ] } ]");
        assertEquals("heartline.groups[0].resources[0].params", p.key());
        assertTrue(p.message().contains("null"), p.message());
    }

    @Test
    void aNullValueIsNamedOnItsOwnLine() throws Exception {
        ConfigProblem p = onlyProblem("  timing.interval = null");
        assertEquals("heartline.timing.interval", p.key());
        assertEquals(11, p.line());
    }

    @Test
    void aMissingTopLevelKeyNamesTheBlocksLine() throws Exception {
        Path f = dir.resolve("nonode.conf");
        TestConfigFiles.secret(dir.resolve("authkey"), TestConfigFiles.KEY);
        Files.writeString(f, TestConfigFiles.text(dir, "").replace("  node = node-a\n", ""));
        InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(f));
        ConfigProblem p = e.problems().get(0);
        assertEquals("heartline.node", p.key());
        assertEquals(1, p.line(), "the heartline block, merged with reference.conf, still has the file's line");
        assertTrue(p.file().endsWith("nonode.conf"), p.toString());
    }

    @Test
    void aHeartlineThatIsNoObjectIsAProblem() throws Exception {
        Path f = dir.resolve("flat.conf");
        Files.writeString(f, "heartline = 5\n");
        InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(f));
        assertEquals("heartline", e.problems().get(0).key());
        assertEquals(1, e.problems().get(0).line());
    }

    @Test
    void hugeNumbersAreOutOfRangeNotCrashes() throws Exception {
        assertEquals("heartline.garp.count", onlyProblem("garp.count = 99999999999999999999").key());
        assertEquals("heartline.journal.max-file-size", onlyProblem("journal.max-file-size = 99999999999999999999KiB").key());
        assertEquals("heartline.failback-delay", onlyProblem("failback-delay = 99999999999999999999d").key());
    }

    @Test
    void anIncludeLoopIsAProblem() throws Exception {
        Files.writeString(dir.resolve("a.conf"), "include \"b.conf\"\n");
        Files.writeString(dir.resolve("b.conf"), "include \"a.conf\"\n");
        List<ConfigProblem> p = TestConfigFiles.problems(dir, "include \"a.conf\"");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("include"), p.toString());
    }
}
