package io.heartline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodeIdTest {
    @Test
    void namesOfLettersDigitsDotsUnderscoresAndDashes() {
        for (String ok : new String[]{"a", "node-a", "director1", "Z9", "lb.dc1_west-2", "x".repeat(63)}) {
            assertTrue(NodeId.isValid(ok), ok);
            assertEquals(ok, new NodeId(ok).name());
        }
    }

    @Test
    void everythingElseIsRefusedWithTheRule() {
        for (String bad : new String[]{"", "-a", ".a", "_a", "a b", "a/b", "ä", "x".repeat(64), "a\n"}) {
            assertFalse(NodeId.isValid(bad), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeId(bad));
            assertTrue(e.getMessage().contains("starting with a letter or digit"), e.getMessage());
        }
        assertFalse(NodeId.isValid(null));
    }
}
