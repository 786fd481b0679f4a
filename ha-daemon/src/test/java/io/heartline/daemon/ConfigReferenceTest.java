package io.heartline.daemon;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md against the config model: every key the loader accepts (ha-core's parser
 * and every module's checks on this class path, found by {@link ConfigKeys}) has a row in the
 * reference, and the reference has no row for a key the loader refuses. Adding a key without
 * documenting it fails here.
 *
 * <p>A row is a table line whose first cell is one key in backquotes, then type, default,
 * meaning and example. {@code [*]} in a row stands for every type of a typed list, e.g.
 * {@code alerts.channels[*].kinds}: it must then hold for every type.
 */
class ConfigReferenceTest {
    static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)\\|\\s*$");

    @TempDir
    static Path dir;
    static ConfigKeys model;

    @BeforeAll
    static void probe() {
        model = ConfigKeys.probe(dir);
    }

    @Test
    void theProbeFindsKeysOfEveryModule() {
        Set<String> keys = model.keys();
        for (String k : List.of("timing.deadtime", "nodes[].priority", "groups[].vips[].interface", "metrics.listen",
                "media[multicast].bind-address", "media[serial].baud", "groups[].resources[].on-fail",
                "groups[].resources[].type", "alerts.channels[kannel].url", "alerts.channels[smtp].starttls",
                "fencing.devices[fence-agent].agent", "fencing.devices[manual].nodes")) {
            assertTrue(keys.contains(k), k + " not found by the probe; found " + keys);
        }
        assertEquals(List.of("multicast", "unicast", "serial", "udp"), model.types().get("media"));
    }

    @Test
    void everyKeyIsDocumentedAndNothingElse() throws IOException {
        Map<String, List<String>> rows = rows(Files.readAllLines(REFERENCE));
        Set<String> documented = expand(rows.keySet(), model.types());

        Set<String> undocumented = new TreeSet<>(model.keys());
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(model.keys());

        assertAll(() -> assertEquals(Set.of(), undocumented, "keys the loader accepts but " + REFERENCE + " does not document"),
                () -> assertEquals(Set.of(), unknown, "keys " + REFERENCE + " documents but the loader refuses"));
    }

    @Test
    void everyRowHasTypeDefaultMeaningAndExample() throws IOException {
        for (Map.Entry<String, List<String>> row : rows(Files.readAllLines(REFERENCE)).entrySet()) {
            List<String> cells = row.getValue();
            assertEquals(4, cells.size(), row.getKey() + ": type | default | meaning | example, got " + cells);
            for (int i = 0; i < cells.size(); i++) {
                assertTrue(!cells.get(i).isBlank(), row.getKey() + ": empty cell " + (i + 2) + " (write '—' for none)");
            }
        }
    }

    @Test
    void aKeyAddedWithoutDocsIsCaught() {
        Set<String> model = Set.of("timing.deadtime", "timing.newkey");
        Set<String> documented = expand(Set.of("timing.deadtime"), Map.of());
        Set<String> undocumented = new TreeSet<>(model);
        undocumented.removeAll(documented);
        assertEquals(Set.of("timing.newkey"), undocumented);
    }

    /** The key rows of the reference: key → the cells after it. A key listed twice is an error. */
    static Map<String, List<String>> rows(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                List<String> cells = new ArrayList<>();
                for (String c : m.group(2).split("(?<!\\\\)\\|", -1)) {
                    cells.add(c.strip());
                }
                if (out.put(m.group(1), cells) != null) {
                    throw new AssertionError("documented twice: " + m.group(1));
                }
            }
        }
        return out;
    }

    /** {@code media[*].name} → {@code media[multicast].name}, {@code media[unicast].name}, ... */
    static Set<String> expand(Set<String> keys, Map<String, List<String>> types) {
        Set<String> out = new TreeSet<>();
        List<String> todo = new ArrayList<>(keys);
        while (!todo.isEmpty()) {
            String k = todo.remove(todo.size() - 1);
            int star = k.indexOf("[*]");
            if (star < 0) {
                out.add(k);
                continue;
            }
            List<String> list = types.get(k.substring(0, star));
            if (list == null) {
                throw new AssertionError(k + ": [*] on a list whose entries have no type");
            }
            for (String t : list) {
                todo.add(k.substring(0, star) + "[" + t + "]" + k.substring(star + 3));
            }
        }
        return out;
    }
}
