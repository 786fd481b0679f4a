package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HOCON syntax error is reported on the line of the mistake, with its key, not on the line where
 * the parser gave up. Each case is a slip of the kind people make in {@code heartline.conf}.
 */
class SyntaxHintTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            heartline {
              cluster = lvs
              nodes = [
                { name = node-a, address = "10.77.0.1", priority = 100 }
                { name = node-b, address = "10.77.0.2", priority = 50 }
              ]
              timing {
                interval = 200ms   # beacon period
                deadtime = 1s

                warntime = 500ms
              }
              failback = manual
              fencing = off
            }
            """;

    private ConfigProblem problem(String text) throws Exception {
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, text);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void aKeyWithoutAValueIsNamedOnItsOwnLineNotTheNext() throws Exception {
        ConfigProblem p = problem(GOOD.replace("deadtime = 1s", "deadtime ="));
        assertEquals(9, p.line(), p.toString());
        assertEquals("heartline.timing.deadtime", p.key());
        assertTrue(p.message().startsWith("no value after '='"), p.message());
    }

    @Test
    void anUnclosedListItemPointsAtTheItem() throws Exception {
        ConfigProblem p = problem(GOOD.replace("priority = 50 }", "priority = 50"));
        assertEquals(5, p.line(), p.toString());
        assertEquals("heartline.nodes[1]", p.key());
        assertTrue(p.message().contains("not closed"), p.message());
    }

    @Test
    void aBraceNeverClosedPointsAtItsOpener() throws Exception {
        ConfigProblem p = problem(GOOD.replace("  timing {", "  timing {\n    x {"));
        assertEquals(8, p.line(), p.toString());
        assertEquals("heartline.timing.x", p.key());
        assertTrue(p.message().contains("never closed"), p.message());
    }

    @Test
    void aBraceTooManyPointsAtTheOneThatClosesTooEarly() throws Exception {
        ConfigProblem p = problem(GOOD.replace("interval = 200ms   # beacon period", "interval = 200ms }  # beacon period"));
        assertEquals(8, p.line(), p.toString());
        assertEquals("heartline.timing", p.key());
        assertTrue(p.message().contains("one too many"), p.message());
    }

    @Test
    void aKeyAndValueWithoutEqualsAreNamed() throws Exception {
        ConfigProblem p = problem(GOOD.replace("failback = manual", "failback manual"));
        assertEquals(13, p.line(), p.toString());
        assertEquals("heartline.failback", p.key());
        assertTrue(p.message().contains("need '='"), p.message());
    }

    @Test
    void anUnclosedListPointsAtItsOpener() throws Exception {
        ConfigProblem p = problem(GOOD.replace("deadtime = 1s", "deadtime = [1s"));
        assertEquals(9, p.line(), p.toString());
        assertEquals("heartline.timing.deadtime", p.key());
    }

    @Test
    void whatFitsNoPatternKeepsTheParsersLineAndNamesItsKey() throws Exception {
        ConfigProblem p = problem(GOOD.replace("deadtime = 1s", "deadtime = 1s,,"));
        assertEquals(9, p.line(), p.toString());
        assertEquals("heartline.timing.deadtime", p.key());
    }

    @Test
    void bracketsInStringsCommentsAndSubstitutionsDoNotCount() throws Exception {
        ConfigProblem p = problem(GOOD.replace("cluster = lvs", "cluster = \"{[\"  # ] }\n  node = ${?X}")
                .replace("deadtime = 1s", "deadtime ="));
        assertEquals(10, p.line(), p.toString());
        assertEquals("heartline.timing.deadtime", p.key());
    }

    @Test
    void keysOutsideTheHeartlineBlockAreNotNamed() throws Exception {
        ConfigProblem p = problem("other {\n  a =\n}\n" + GOOD);
        assertEquals(2, p.line(), p.toString());
        assertNull(p.key());
    }
}
