package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile and broken configs: mutations of a valid one (keys dropped, duplicated or renamed, values
 * of the wrong type, huge numbers, unicode and NUL, truncated text, unbalanced braces, include
 * loops, unresolved substitutions). Loading either returns a config or throws
 * {@link InvalidConfigException}, whose every problem names a file and says what is wrong, with a
 * line wherever it names a key; nothing else escapes, and no input takes long.
 */
class ConfigFuzzTest {
    private static final int TRIES = 1000;
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static Path dir;

    /** A config that uses every section the core parser knows. */
    static String base(Path dir) {
        return """
                heartline {
                  cluster = lvs
                  node = node-a
                  nodes = [
                    { name = node-a, address = "10.77.0.1", priority = 100 }
                    { name = node-b, address = "10.77.0.2", priority = 50 }
                  ]
                  timing { interval = 200ms, deadtime = 1s, warntime = 500ms, initdead = 2s, realtime-priority = 0 }
                  auth-key-file = "DIR/authkey"
                  media = [
                    { type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 }
                    { type = unicast, port = 7650 }
                    { type = serial, device = "/dev/ttyS1", baud = 19200 }
                  ]
                  groups = [
                    { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ],
                      resources = [ { type = script, name = web, params { script = web } } ] }
                    { name = db, vips = [ { address = "fd00::10/64", interface = eth1 } ] }
                  ]
                  failback = auto
                  failback-delay = 30s
                  garp { count = 5, spacing = 100ms, repeat-after = 2s }
                  control-socket = "DIR/control.sock"
                  state-dir = "DIR/state"
                  resource-dir = "DIR/resource.d"
                  init-dir = "/etc/init.d"
                  fencing { delay = 5s, timeout = 60s, devices = [ { type = manual, nodes = [ node-b ] } ] }
                  alerts { channels = [ { type = script, path = "/etc/heartline/notify.sh" } ] }
                  metrics { listen = "127.0.0.1:9670", max-connections = 16, timeout = 5s }
                  journal { max-file-size = 16MiB, keep = 10 }
                  control { max-connections = 64, idle-timeout = 5s, max-request = 64KiB, admin-group = heartline-admin }
                }
                """.replace("DIR", dir.toString());
    }

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
        TestConfigFiles.secret(dir.resolve("authkey"), TestConfigFiles.KEY + "\n");
        Files.writeString(dir.resolve("loop-a.conf"), "include \"loop-b.conf\"\nheartline.cluster = a\n");
        Files.writeString(dir.resolve("loop-b.conf"), "include \"loop-a.conf\"\nheartline.cluster = b\n");
        Files.writeString(dir.resolve("self.conf"), "include \"self.conf\"\n");
        Files.writeString(dir.resolve("part.conf"), "heartline.garp.count = 7\n");
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.println("ConfigFuzzTest: " + TRIED.get() + " configs, " + REJECTED.get() + " rejected, "
                + ACCEPTED.get() + " accepted");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        assertTrue(TRIED.get() >= 1000, "too few configs tried: " + TRIED.get());
        assertTrue(ACCEPTED.get() > 0 && REJECTED.get() > 0,
                "the mutations should reach both outcomes: " + ACCEPTED.get() + " accepted, " + REJECTED.get() + " rejected");
    }

    /** Found by the property: Typesafe Config's duration and size parsing threw on a lone surrogate. */
    @Example
    void aLoneSurrogateInADurationOrASizeIsAProblemNotACrash() throws Exception {
        String text = base(dir).replace("interval = 200ms,", "interval = \"\\udc00\",")
                .replace("max-file-size = 16MiB,", "max-file-size = \"\\udc00\",");
        assertTrue(text.contains("interval = \"\\udc00\"") && text.contains("max-file-size = \"\\udc00\""), text);
        Path file = dir.resolve("heartline.conf");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.problems().stream().anyMatch(p -> p.toString().contains("must be a duration")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.toString().contains("must be a size")), e.problems().toString());
    }

    @Property(tries = TRIES, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void loadingAMutatedConfigReturnsAConfigOrNamesEveryProblem(@ForAll("mutations") List<Mutation> mutations) throws Exception {
        String text = base(dir);
        for (Mutation m : mutations) {
            text = text.isEmpty() ? text : m.apply(text);
        }
        Path file = dir.resolve("heartline.conf");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        TRIED.incrementAndGet();
        long start = System.nanoTime();
        try {
            HeartlineConfig c = ConfigLoader.load(file);
            ACCEPTED.incrementAndGet();
            assertValid(c);
        } catch (InvalidConfigException e) {
            REJECTED.incrementAndGet();
            assertFalse(e.problems().isEmpty(), "rejected without a problem");
            for (ConfigProblem p : e.problems()) {
                assertWellFormed(p, text);
            }
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError("loading threw " + e + " for:\n" + text, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(LIMIT) < 0, "took " + took + " for:\n" + text);
    }

    private static void assertValid(HeartlineConfig c) {
        assertNotNull(c.self());
        assertTrue(c.node(c.self()).isPresent(), "this node is one of the nodes");
        assertFalse(c.media().isEmpty());
        assertFalse(c.groups().isEmpty());
        assertTrue(c.timing().deadtime().compareTo(c.timing().interval().multipliedBy(2)) >= 0);
        assertNotNull(c.fencing());
        assertNotNull(c.metrics());
        assertNotNull(c.journal());
        assertNotNull(c.control());
        assertNotNull(c.garp());
        assertNotNull(c.failback());
    }

    /** A file always; a message always; a line whenever the problem names a key that is in a file. */
    private static void assertWellFormed(ConfigProblem p, String text) {
        String where = p + "\nfor:\n" + text;
        assertNotNull(p.file(), where);
        assertFalse(p.file().isBlank(), where);
        assertNotNull(p.message(), where);
        assertFalse(p.message().isBlank(), where);
        boolean noBlockAtAll = "heartline".equals(p.key()) && p.message().startsWith("missing");
        if (p.key() != null && !noBlockAtAll) {
            assertTrue(p.key().startsWith("heartline"), where);
            assertTrue(p.line() > 0, "no line: " + where);
        }
    }

    /** One change to the config's text. */
    interface Mutation {
        String apply(String text);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Arbitraries.oneOf(List.of(dropLine(), duplicateLine(), replaceValue(), renameKey(), truncate(),
                insertText(), wrongType(), include())).list().ofMinSize(1).ofMaxSize(4);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    private static Arbitrary<Mutation> dropLine() {
        return Arbitraries.integers().between(0, 1000).map(i -> named("drop line " + i, text -> {
            List<String> l = lines(text);
            l.remove(i % l.size());
            return String.join("\n", l);
        }));
    }

    private static Arbitrary<Mutation> duplicateLine() {
        return Arbitraries.integers().between(0, 1000).map(i -> named("duplicate line " + i, text -> {
            List<String> l = lines(text);
            int at = i % l.size();
            l.add(at, l.get(at));
            return String.join("\n", l);
        }));
    }

    /** The values that break parsers: huge, negative, of the wrong kind, unicode, NUL, unresolved. */
    private static Arbitrary<String> hostileValue() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of("99999999999999999999", "2147483648", "-2147483649", "-1", "0", "1e309", "NaN", "-0",
                        "9223372036854775807", "true", "null", "[]", "{}", "[ {} ]", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"",
                        "\"/tmp/\\u0000x\"", "${undefined}", "${?HEARTLINE_FUZZ_UNSET}", "${heartline.cluster}",
                        "\"10.0.0.1/99\"", "\"::1/129\"", "\"256.1.1.1\"", "\"1.2.3.4:99999\"", "\"[::1]:0\"",
                        "5 years", "-5s", "99999999999999999999d", "1000000000d", "1EiB", "99999999999999999999KiB",
                        "16 MiB", "0B", "\"ñøðé☃𝄞\"", "Ω≈ç√∫", "\"\\uD800\"", "\"" + "x".repeat(100_000) + "\"",
                        "off", "on", "\"change-me\"", "multicast", "serial", "/dev/ttyS1", "\"239.1.1.1\""),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12).map(s -> "\"" + escape(s) + "\"")));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    /** The value after the n-th {@code =} in the text, up to the next separator. */
    private static Arbitrary<Mutation> replaceValue() {
        return Combinators.combine(Arbitraries.integers().between(0, 1000), hostileValue())
                .as((i, v) -> named("value " + i + " := " + abbreviate(v), text -> {
                    List<Integer> eqs = positions(text, '=');
                    if (eqs.isEmpty()) {
                        return text;
                    }
                    int at = eqs.get(i % eqs.size()) + 1;
                    int end = Math.min(at + 1, text.length());
                    while (end < text.length() && ",}]\n".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    return text.substring(0, at) + " " + v + text.substring(Math.min(end, text.length()));
                }));
    }

    private static Arbitrary<Mutation> renameKey() {
        Arbitrary<String> key = Arbitraries.oneOf(List.of(
                Arbitraries.of("deadtme", "type", "name", "nodes", "media", "heartline", "fencing", "metrics",
                        "journal", "control", "a.b.c", "\"quoted key\"", "\"ключ\"", "timing.interval", "include"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)));
        return Combinators.combine(Arbitraries.integers().between(0, 1000), key)
                .as((i, k) -> named("key before = " + i + " := " + k, text -> {
                    List<Integer> eqs = positions(text, '=');
                    if (eqs.isEmpty()) {
                        return text;
                    }
                    int eq = eqs.get(i % eqs.size());
                    int start = Math.max(0, eq - 1);
                    while (start > 0 && text.charAt(start - 1) != ' ' && text.charAt(start - 1) != '{'
                            && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != ',') {
                        start--;
                    }
                    return text.substring(0, start) + k + " " + text.substring(eq);
                }));
    }

    private static Arbitrary<Mutation> truncate() {
        return Arbitraries.integers().between(0, 5000)
                .map(n -> named("truncate at " + n, text -> text.substring(0, Math.min(n, text.length()))));
    }

    private static Arbitrary<Mutation> insertText() {
        Arbitrary<String> what = Arbitraries.oneOf(List.of(
                Arbitraries.of("{", "}", "[", "]", "{{", "}}}", "\"", "=", "${", "\\", "\u0000", "\uFEFF", "𝄞", "\r",
                        "#", "//", ",,", "\n}\n", "\n{\n", "+=", "\"\"\""),
                Arbitraries.strings().ofMaxLength(8)));
        return Combinators.combine(Arbitraries.integers().between(0, 5000), what)
                .as((n, s) -> named("insert " + abbreviate(s) + " at " + n, text -> {
                    int at = Math.min(n, text.length());
                    return text.substring(0, at) + s + text.substring(at);
                }));
    }

    /** An object where a value is expected, a value where an object or list is expected. */
    private static Arbitrary<Mutation> wrongType() {
        Arbitrary<String> section = Arbitraries.of("timing", "garp", "metrics", "journal", "control", "fencing", "alerts",
                "nodes", "media", "groups", "cluster", "node", "auth-key-file", "state-dir", "failback", "timing.interval",
                "garp.count", "journal.max-file-size", "control.max-request", "metrics.listen", "control-socket",
                "fencing.devices", "alerts.channels", "failback-delay", "resource-dir");
        Arbitrary<String> value = Arbitraries.oneOf(List.of(Arbitraries.of("5", "off", "[ 1, 2 ]", "{ x = 1 }", "[ [ ] ]",
                "\"text\"", "null", "[ { type = 5 } ]", "[ { name = x } ]", "[ { type = script, params = null } ]",
                "[ { name = g, resources = [ { type = script, params = null, x = [ null ] } ] } ]", "[ null ]"),
                hostileValue()));
        return Combinators.combine(section, value).as((k, v) -> named(k + " := " + v, text -> {
            int end = text.lastIndexOf('}');
            return end < 0 ? text : text.substring(0, end) + "  " + k + " = " + v + "\n" + text.substring(end);
        }));
    }

    private static Arbitrary<Mutation> include() {
        return Combinators.combine(Arbitraries.of("loop-a.conf", "self.conf", "heartline.conf", "part.conf", "missing.conf",
                        "/dev/null", "file(\"" + "/nonexistent/x.conf" + "\")"), Arbitraries.integers().between(0, 1000))
                .as((f, i) -> named("include " + f + " at line " + i, text -> {
                    List<String> l = lines(text);
                    String directive = f.startsWith("file(") ? "include required(" + f + ")" : "include \"" + f + "\"";
                    l.add(i % l.size(), directive);
                    return String.join("\n", l);
                }));
    }

    private static List<Integer> positions(String text, char c) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                out.add(i);
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }

    private static Mutation named(String name, java.util.function.UnaryOperator<String> f) {
        return new Mutation() {
            @Override
            public String apply(String text) {
                return f.apply(text);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
