package io.heartline.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each command parsed from its JSON line and written back the same; each bad field named in the error. */
class RequestsTest {
    static final NodeId B = new NodeId("node-b");

    /** One request of every kind, with every field set where it has fields. */
    static final List<Request> EVERY_KIND = List.of(new Request.Status(true),
            new Request.Events(7L, Instant.parse("2026-11-21T22:00:00Z"), 1000), new Request.Version(),
            new Request.Failover("web", B), new Request.Standby(), new Request.Online(), new Request.Maintenance(true),
            new Request.Reload(), new Request.Fence(B), new Request.FenceAck(B), new Request.ResourceCleanup("web", "db"),
            new Request.NotifyTest("sms"));

    @Test
    void everyKindSurvivesTheWire() {
        for (Request r : EVERY_KIND) {
            assertEquals(new Parsed.Valid(r), Requests.parse(r.toJson()), r.toJson());
        }
    }

    @Test
    void everyCommandHasAParserAndEveryParserACommand() {
        Set<Class<?>> kinds = Arrays.stream(Request.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(kinds, EVERY_KIND.stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(Requests.PARSERS.keySet(), EVERY_KIND.stream().map(Request::command).collect(Collectors.toSet()));
    }

    @Test
    void theWireFormIsTheOneHactlAlwaysSent() {
        assertEquals("{\"cmd\":\"failover\",\"group\":\"web\",\"to\":\"node-b\"}", new Request.Failover("web", B).toJson());
        assertEquals("{\"cmd\":\"failover\"}", new Request.Failover(null, null).toJson());
        assertEquals("{\"cmd\":\"events\",\"since\":\"2026-11-21T22:20:00Z\",\"limit\":1000}",
                new Request.Events(null, Instant.parse("2026-11-21T22:20:00Z"), 1000).toJson());
        assertEquals("{\"cmd\":\"maintenance\",\"on\":false}", new Request.Maintenance(false).toJson());
        assertEquals("{\"cmd\":\"resource-cleanup\",\"group\":\"web\"}", new Request.ResourceCleanup("web", null).toJson());
        assertEquals("{\"cmd\":\"fence-ack\",\"node\":\"node-b\",\"confirmed\":\"node-b\"}", new Request.FenceAck(B).toJson());
    }

    @Test
    void statusAsksForTextOnlyWhenToldTo() {
        assertEquals("{\"cmd\":\"status\"}", new Request.Status().toJson());
        assertEquals("{\"cmd\":\"status\",\"format\":\"text\"}", new Request.Status(true).toJson());
        assertEquals(new Parsed.Valid(new Request.Status(true)), Requests.parse("{\"cmd\":\"status\",\"format\":\"text\"}"));
        assertEquals(new Parsed.Valid(new Request.Status()), Requests.parse("{\"cmd\":\"status\",\"format\":\"json\"}"));
    }

    @Test
    void onlyStatusEventsAndVersionAreReadOnly() {
        Set<String> readOnly = EVERY_KIND.stream().filter(r -> r.access() == Access.READ_ONLY).map(Request::command)
                .collect(Collectors.toSet());
        assertEquals(Set.of("status", "events", "version"), readOnly);
    }

    @Test
    void badFieldsAreNamed() {
        assertInvalid("not json at all", "not a JSON object");
        assertInvalid("[1,2]", "not a JSON object");
        assertInvalid("{\"cmd\":\"status\"} {\"cmd\":\"reload\"}", "more follows the object");
        assertInvalid("{\"cmd\":\"status\",\"cmd\":\"reload\"}", "not a JSON object");
        assertInvalid("{}", "missing 'cmd' (one of: status, events, version, failover");
        assertInvalid("{\"cmd\":\"frobnicate\"}", "unknown cmd 'frobnicate'");
        assertInvalid("{\"cmd\":\"failover\",\"to\":5}", "'to' must be a node name, got 5");
        assertInvalid("{\"cmd\":\"status\",\"format\":\"xml\"}", "'format' must be \"json\" or \"text\"");
        assertInvalid("{\"cmd\":\"status\",\"format\":1}", "'format' must be \"json\" or \"text\"");
        assertInvalid("{\"cmd\":\"failover\",\"group\":[1]}", "'group' must be a string");
        assertInvalid("{\"cmd\":\"maintenance\",\"on\":\"yes\"}", "'on' must be true or false");
        assertInvalid("{\"cmd\":\"events\",\"after\":-1}", "'after' must be a cursor");
        assertInvalid("{\"cmd\":\"events\",\"after\":1.5}", "'after' must be a cursor");
        assertInvalid("{\"cmd\":\"events\",\"after\":99999999999999999999999}", "'after' must be a cursor");
        assertInvalid("{\"cmd\":\"events\",\"limit\":4294967297}", "'limit' must be a number from 1 to 10000");
        assertInvalid("{\"cmd\":\"events\",\"since\":\"yesterday\"}", "'since' must be an ISO-8601 instant");
        assertInvalid("{\"cmd\":\"fence\",\"node\":\"../etc\"}", "'node' must be a node name");
        assertInvalid("{\"cmd\":\"resource-cleanup\"}", "'group' must be a group name");
        assertInvalid("{\"cmd\":\"resource-cleanup\",\"group\":\"web\",\"resource\":7}", "'resource' must be a resource name");
        assertInvalid("{\"cmd\":\"notify-test\",\"channel\":{}}", "'channel' must be a string");
        assertInvalid("[".repeat(100_000), "not a JSON object");
        assertInvalid("{\"cmd\":\"events\",\"after\":1" + "0".repeat(5000) + "}", "not a JSON object");
    }

    @Test
    void fenceAckMustNameTheNodeTwice() {
        String missing = assertInvalid("{\"cmd\":\"fence-ack\",\"node\":\"node-b\"}", "fence-ack node-b is not confirmed");
        assertTrue(missing.contains("--yes-i-checked node-b") && missing.contains("still alive"), missing);
        assertInvalid("{\"cmd\":\"fence-ack\",\"node\":\"node-b\",\"confirmed\":\"node-c\"}",
                "is confirmed for 'node-c', not for node-b");
        assertThrows(IllegalArgumentException.class, () -> new Request.FenceAck(B, new NodeId("node-c")));
    }

    @Test
    void invalidUtf8IsSaidSo() {
        byte[] line = "{\"cmd\":\"status\",\"x\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(Parsed.Valid.class, Requests.parse(line));
        line[line.length - 3] = (byte) 0xff;
        assertEquals(new Parsed.Invalid("request is not valid UTF-8"), Requests.parse(line));
    }

    private static String assertInvalid(String line, String expected) {
        Parsed p = Requests.parse(line);
        assertInstanceOf(Parsed.Invalid.class, p, line);
        String error = ((Parsed.Invalid) p).error();
        assertTrue(error.contains(expected), error);
        assertTrue(error.length() < 600, "a short error: " + error);
        return error;
    }
}
