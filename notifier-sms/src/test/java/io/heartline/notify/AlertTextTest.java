package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTextTest {
    private static final Instant T = Instant.parse("2026-03-04T21:05:11.520Z");

    private static Alert alert(String what, String cause) {
        return new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL, "node-b", "web", what, cause, T);
    }

    private static boolean allGsm(String s) {
        return s.codePoints().allMatch(Gsm7::isGsm);
    }

    @Test
    void shortFormReadsLikeTheExample() {
        assertEquals("HL node-b: takeover of web (owner node-a dead, silent 1010ms) 21:05:11Z",
                AlertText.shortText(alert("takeover of web", "owner node-a dead, silent 1010ms")));
        assertEquals("HL node-b: takeover of web 21:05:11Z", AlertText.shortText(alert("takeover of web", "")));
    }

    @Test
    void tooLongIsCutInTheMiddleKeepingNodeAndTime() {
        String cause = "owner node-a dead on every medium: " + "multicast 239.0.0.1 silent, ".repeat(10);
        String text = AlertText.shortText(alert("takeover of web", cause));
        int septets = Gsm7.septets(text);
        assertTrue(septets <= 160 && septets >= 158, septets + ": " + text);
        assertTrue(text.startsWith("HL node-b: takeover of web (owner node-a dead on every medium"), text);
        assertTrue(text.endsWith("... 21:05:11Z"), text);
    }

    @Test
    void extensionCharactersCountTwice() {
        String text = AlertText.shortText(alert("takeover", "{[|]}".repeat(40)));
        assertTrue(Gsm7.septets(text) <= 160, text);
        assertTrue(Gsm7.septets(text) >= 159, "uses the room: " + Gsm7.septets(text));
        assertTrue(text.length() < 100, "each of {[|]} costs two septets: " + text.length());
        assertEquals(2, Gsm7.septets("€"));
        assertEquals(1, Gsm7.septets("é"));
    }

    @Test
    void charactersOutsideGsmAreTransliteratedOrReplaced() {
        assertEquals("Überlast - Knoten \"süd\" ... 'x' café naive Lodz ?? ?",
                Gsm7.transliterate("Überlast – Knoten „süd“ … ‘x’ café naïve Łódź 节点 \uD83D\uDE00"));
        String text = AlertText.shortText(new Alert(AlertKinds.PEER_DEAD, Severity.CRITICAL, "nœud-ß", null,
                "pair “nœud-a” mort —\tplus de battements", "silence 200 ms", T));
        assertTrue(allGsm(text), text);
        assertEquals("HL noeud-ß: pair \"noeud-a\" mort - plus de battements (silence 200 ms) 21:05:11Z", text);
    }

    @Test
    void noLineBreaksInTheShortForm() {
        String text = AlertText.shortText(alert("takeover\nof web", "line one\r\nline two"));
        assertFalse(text.contains("\n") || text.contains("\r"), text);
        assertEquals("HL node-b: takeover of web (line one line two) 21:05:11Z", text);
    }

    @Test
    void aTinyLimitStillEndsWithTheMarker() {
        String text = AlertText.shortText(new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL,
                "a-very-long-node-name-indeed", "web", "takeover of web", "", T), 30);
        assertEquals(30, Gsm7.septets(text), text);
        assertTrue(text.endsWith("..."), text);
        assertThrows(IllegalArgumentException.class, () -> AlertText.shortText(alert("x", ""), 10));
    }

    @Test
    void longFormHasEveryField() {
        Alert a = alert("takeover of web", "owner node-a dead, silent 1010ms");
        assertEquals("[Heartline] CRITICAL node-b: takeover of web", AlertText.subject(a));
        String body = AlertText.body(a);
        for (String line : new String[] {"Kind:     takeover", "Severity: CRITICAL", "Node:     node-b",
                "Group:    web", "What:     takeover of web", "Cause:    owner node-a dead, silent 1010ms",
                "Time:     2026-03-04T21:05:11.520Z"}) {
            assertTrue(body.contains(line + "\n"), line + " in\n" + body);
        }
        Alert noGroup = new Alert(AlertKinds.DAEMON_START, Severity.INFO, "node-b", null, "daemon started", null, T);
        assertTrue(AlertText.body(noGroup).contains("Group:    -\n"));
        assertTrue(AlertText.body(noGroup).contains("Cause:    -\n"));
    }

    @Test
    void subjectIsOneLine() {
        assertEquals("[Heartline] CRITICAL node-b: takeover of web", AlertText.subject(alert("takeover\r\nof   web", "")));
    }

    @Test
    void fieldsForTemplatesAndScripts() {
        Map<String, String> f = AlertText.fields(alert("takeover of web", "owner dead"), 160);
        assertEquals("takeover", f.get("kind"));
        assertEquals("CRITICAL", f.get("severity"));
        assertEquals("web", f.get("group"));
        assertEquals("2026-03-04T21:05:11.520Z", f.get("time"));
        assertEquals("HL node-b: takeover of web (owner dead) 21:05:11Z", f.get("text"));
        assertEquals(WebhookConfig.PLACEHOLDERS, f.keySet());
    }

    @Test
    void alertRequiresItsFields() {
        assertThrows(IllegalArgumentException.class, () -> new Alert(" ", Severity.INFO, "n", null, "w", "", T));
        assertThrows(NullPointerException.class, () -> new Alert("takeover", null, "n", null, "w", "", T));
        assertEquals("", new Alert("takeover", Severity.INFO, "n", null, "w", null, T).cause());
        assertEquals(null, new Alert("takeover", Severity.INFO, "n", " ", "w", null, T).group());
    }
}
