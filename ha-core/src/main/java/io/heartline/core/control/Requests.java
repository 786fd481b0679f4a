package io.heartline.core.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads control requests: a JSON line (or its map) to a typed {@link Request}, every field checked.
 * Never throws on any input: what is not a valid request comes back as {@link Parsed.Invalid} with
 * an error that names the field. Requests are flat: nesting deeper than {@value #MAX_DEPTH}, numbers
 * longer than {@value #MAX_NUMBER} digits, a repeated key or anything after the object are refused.
 */
public final class Requests {
    static final int MAX_DEPTH = 16;
    static final int MAX_NUMBER = 64;

    /** Every command by its name, in the order errors list them. */
    static final Map<String, Function<Fields, Request>> PARSERS = parsers();

    /** The commands, for errors: "status, events, ...". */
    public static final String COMMANDS = String.join(", ", PARSERS.keySet());

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER).build())
            .build();
    private static final JSON READER = new JSON(FACTORY).with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    private Requests() {
    }

    private static Map<String, Function<Fields, Request>> parsers() {
        Map<String, Function<Fields, Request>> m = new LinkedHashMap<>();
        m.put(Command.STATUS.wireName(), Request.Status::parse);
        m.put(Command.EVENTS.wireName(), Request.Events::parse);
        m.put(Command.VERSION.wireName(), f -> new Request.Version());
        m.put(Command.FAILOVER.wireName(), Request.Failover::parse);
        m.put(Command.STANDBY.wireName(), f -> new Request.Standby());
        m.put(Command.ONLINE.wireName(), f -> new Request.Online());
        m.put(Command.MAINTENANCE.wireName(), Request.Maintenance::parse);
        m.put(Command.RELOAD.wireName(), f -> new Request.Reload());
        m.put(Command.FENCE.wireName(), Request.Fence::parse);
        m.put(Command.FENCE_ACK.wireName(), Request.FenceAck::parse);
        m.put(Command.RESOURCE_CLEANUP.wireName(), Request.ResourceCleanup::parse);
        m.put(Command.NOTIFY_TEST.wireName(), Request.NotifyTest::parse);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A request line as received: bytes that must be UTF-8, without the newline. */
    public static Parsed parse(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed.Invalid("request is not valid UTF-8");
        }
        return parse(text);
    }

    /** One JSON object. */
    public static Parsed parse(String line) {
        Object value;
        try (JsonParser parser = FACTORY.createParser(line)) {
            value = READER.anyFrom(parser);
            if (value != null && parser.nextToken() != null) {
                return new Parsed.Invalid("request is not a JSON object: more follows the object");
            }
        } catch (IOException | RuntimeException e) {
            return new Parsed.Invalid("request is not a JSON object: " + firstLine(e.getMessage()));
        }
        if (!(value instanceof Map<?, ?>)) {
            return new Parsed.Invalid("request is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return parse(map);
    }

    /** A request's fields, {@code cmd} among them. */
    public static Parsed parse(Map<String, Object> request) {
        Object cmd = request.get("cmd");
        if (!(cmd instanceof String name)) {
            return new Parsed.Invalid("missing 'cmd' (one of: " + COMMANDS + ")");
        }
        Function<Fields, Request> parser = PARSERS.get(name);
        if (parser == null) {
            return new Parsed.Invalid("unknown cmd '" + Fields.shorten(name) + "' (one of: " + COMMANDS + ")");
        }
        try {
            return new Parsed.Valid(parser.apply(new Fields(request)));
        } catch (Fields.Bad e) {
            return new Parsed.Invalid(e.getMessage());
        }
    }

    static String json(Map<String, Object> map) {
        try {
            return JSON.std.asString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("");
        return Fields.shorten(line);
    }
}
