package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Set<String> NAMES = Set.of("text", "node");

    @Test
    void rendersWithEscaping() {
        Template t = Template.parse("{\"msg\":\"${text}\",\"from\":\"${node}\"}", NAMES);
        assertEquals("{\"msg\":\"say \\\"hi\\\"\\n\\\\ \\u0001\",\"from\":\"b\"}",
                t.render(Map.of("text", "say \"hi\"\n\\ \u0001", "node", "b"), Template::jsonEscape));
        assertEquals("to=1&m=a%20b%26c%3Dd", Template.parse("to=1&m=${text}", NAMES)
                .render(Map.of("text", "a b&c=d"), HttpDelivery::urlEncode));
        assertEquals("plain", Template.parse("plain", NAMES).render(Map.of(), UnaryOperator.identity()));
        assertEquals("[]", Template.parse("[${node}]", NAMES).render(Map.of(), UnaryOperator.identity()));
    }

    @Test
    void refusesUnknownAndUnclosedPlaceholders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Template.parse("${txt}", NAMES));
        assertEquals("unknown placeholder ${txt} (known: node, text)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Template.parse("a ${text", NAMES));
    }
}
