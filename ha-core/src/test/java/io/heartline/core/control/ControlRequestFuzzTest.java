package io.heartline.core.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile request lines: random bytes, valid requests mutated byte by byte, wrong types in every
 * field, huge numbers, deep nesting, invalid UTF-8. The parser never throws; each line is either a
 * valid request that writes back to a line parsing to the same request, or a short, clear error.
 */
class ControlRequestFuzzTest {
    private static final long SEED = 20261121L;
    private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1.5", "1e400", "-0", "\"\"", "\"web\"",
            "\"node-b\"", "\"../etc\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]", "\"\\u0000\"",
            "99999999999999999999999999999999", "9223372036854775807", "9223372036854775808", "10000", "10001",
            "\"2026-11-21T22:00:00Z\"", "\"" + "x".repeat(5000) + "\"", "\"\\ud800\""};
    private static final String PIECES = "{}[]\":,\\0-9e";
    private static final String[] KEYS = {"cmd", "group", "to", "node", "confirmed", "on", "after", "since", "limit",
            "resource", "channel", "x"};

    @Test
    void everyLineIsARequestOrAClearError() {
        Random random = new Random(SEED);
        List<byte[]> inputs = new ArrayList<>();
        for (Request r : RequestsTest.EVERY_KIND) {
            byte[] valid = r.toJson().getBytes(StandardCharsets.UTF_8);
            inputs.add(valid);
            for (int i = 0; i < 60; i++) {
                inputs.add(mutate(valid, random));
            }
        }
        for (int i = 0; i < 400; i++) {
            inputs.add(randomObject(random).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 100; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            inputs.add(b);
        }
        inputs.add(("{\"cmd\":" + "[".repeat(50_000) + "}").getBytes(StandardCharsets.UTF_8));
        inputs.add(("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        inputs.add(("{\"cmd\":\"events\",\"limit\":" + "9".repeat(60_000) + "}").getBytes(StandardCharsets.UTF_8));
        inputs.add(new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'});
        inputs.add(new byte[] {'{', '"', 'c', 'm', 'd', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'});
        inputs.add(new byte[0]);

        int rejected = 0;
        for (byte[] input : inputs) {
            Parsed p = Requests.parse(input);
            assertNotNull(p);
            if (p instanceof Parsed.Invalid bad) {
                rejected++;
                assertFalse(bad.error().isBlank());
                assertTrue(bad.error().length() < 600, bad.error());
            } else {
                Request r = ((Parsed.Valid) p).request();
                Parsed again = Requests.parse(r.toJson());
                assertTrue(again instanceof Parsed.Valid v && v.request().equals(r), r.toJson());
            }
        }
        assertTrue(inputs.size() >= 1000, "inputs: " + inputs.size());
        assertTrue(rejected > inputs.size() / 2 && rejected < inputs.size(), "rejected " + rejected);
        System.out.println("ControlRequestFuzzTest: " + inputs.size() + " inputs, " + rejected + " rejected");
    }

    /** One to four byte edits: flip, insert, delete or duplicate a piece. */
    private static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        for (int edits = 1 + random.nextInt(4); edits > 0 && b.length > 0; edits--) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = splice(b, at, 0, new byte[] {(byte) PIECES.charAt(random.nextInt(PIECES.length()))});
                case 2 -> b = splice(b, at, 1, new byte[0]);
                default -> b = splice(b, at, 0, java.util.Arrays.copyOfRange(b, at, Math.min(b.length, at + 8)));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** An object with a real command and random keys and values: wrong types where right ones are expected. */
    private static String randomObject(Random random) {
        List<String> commands = new ArrayList<>(Requests.PARSERS.keySet());
        StringBuilder sb = new StringBuilder("{\"cmd\":\"").append(commands.get(random.nextInt(commands.size()))).append('"');
        for (int n = random.nextInt(4); n > 0; n--) {
            sb.append(",\"").append(KEYS[1 + random.nextInt(KEYS.length - 1)]).append("\":")
                    .append(VALUES[random.nextInt(VALUES.length)]);
        }
        return sb.append('}').toString();
    }
}
