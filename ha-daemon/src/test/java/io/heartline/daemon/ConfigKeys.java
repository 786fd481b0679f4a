package io.heartline.daemon;

import io.heartline.testkit.SecretFiles;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key the config loader accepts, found by asking the loader itself: a probe config puts an
 * unknown key at one place and reads the "unknown key (expected one of ...)" problem that comes
 * back (from ha-core's parser, or from a module's {@code ConfigCheck} for alert channels, fence
 * devices and resources). Each accepted key is probed in turn as an object and as a list of
 * objects, so nested sections are found without a list kept by hand; a list whose entries need a
 * {@code type} is probed once per type the "not a ... type (a, b, c)" problem names.
 *
 * <p>Keys read like {@code timing.deadtime}, {@code groups[].vips[].address} (an entry of a
 * list), {@code media[multicast].group} (an entry whose {@code type = multicast}).
 */
final class ConfigKeys {
    private static final String PROBE = "zz-probe";
    private static final String PROBE_TYPE = "zz-probe-type";
    private static final Pattern EXPECTED = Pattern.compile("expected one of (.*)\\)$");
    private static final Pattern TYPES = Pattern.compile("type \\(([^)]*)\\)$");

    /** One step of a key: a map key, or an entry of a list ({@code type} to build it, {@code label} to name it). */
    private record Step(String key, String type, String label) {
        static Step key(String k) {
            return new Step(k, null, null);
        }

        static Step item(String type, String label) {
            return new Step(null, type, label);
        }

        boolean isItem() {
            return key == null;
        }
    }

    private final Path dir;
    private final Set<String> keys = new TreeSet<>();
    private final Map<String, List<String>> types = new TreeMap<>();
    private int probes;

    private ConfigKeys(Path dir) {
        this.dir = dir;
    }

    /** Probes the loader from the top; {@code dir} holds the probe files and an auth key. */
    static ConfigKeys probe(Path dir) {
        ConfigKeys k = new ConfigKeys(dir);
        try {
            SecretFiles.write(dir.resolve("authkey"), "probe-key-0123456789abcdef\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ConfigProblem> base = k.load(new LinkedHashMap<>(k.base()));
        if (!base.isEmpty()) {
            throw new AssertionError("the probes' base config does not load, so no probe would mean anything: " + base);
        }
        k.object(List.of());
        return k;
    }

    /** Every accepted key. */
    Set<String> keys() {
        return keys;
    }

    /** For each list whose entries have a type ({@code media}), the types, as they appear in the keys. */
    Map<String, List<String>> types() {
        return types;
    }

    int probes() {
        return probes;
    }

    private void object(List<Step> path) {
        List<String> accepted = expected(path).orElseThrow(
                () -> new AssertionError(render(path) + " is no longer an object with checked keys"));
        for (String k : accepted) {
            List<Step> child = append(path, Step.key(k));
            keys.add(render(child));
            classify(child);
        }
    }

    /** Is {@code path} an object, a list of objects, a list of typed objects, or a value? */
    private void classify(List<Step> path) {
        if (unknownKey(load(with(path, Map.of(PROBE, 1))), problemKey(path) + "." + PROBE).isPresent()) {
            object(path);
            return;
        }
        List<ConfigProblem> asList = load(with(path, List.of(Map.of(PROBE, 1))));
        if (unknownKey(asList, problemKey(path) + "[0]." + PROBE).isPresent()) {
            object(append(path, Step.item(null, "")));
        } else if (find(asList, problemKey(path) + "[0].type", "missing").isPresent()) {
            typedList(path);
        }
    }

    private void typedList(List<Step> path) {
        String entry = problemKey(path) + "[0]";
        List<ConfigProblem> p = load(with(path, List.of(Map.of("type", PROBE_TYPE, PROBE, 1))));
        if (unknownKey(p, entry + "." + PROBE).isPresent()) { // the same keys whatever the type (resources)
            addTypeAndName(append(path, Step.item(PROBE_TYPE, "")));
            object(append(path, Step.item(PROBE_TYPE, "")));
            return;
        }
        ConfigProblem badType = find(p, entry + ".type", PROBE_TYPE).orElseThrow(
                () -> new AssertionError(render(path) + ": no problem names the types it takes: " + p));
        Matcher m = TYPES.matcher(badType.message());
        if (!m.find()) {
            throw new AssertionError(render(path) + ": cannot read the types from '" + badType.message() + "'");
        }
        List<String> list = List.of(m.group(1).split(",\\s*"));
        types.put(render(path), list);
        for (String t : list) {
            List<Step> typed = append(path, Step.item(t, t));
            addTypeAndName(typed);
            object(typed);
        }
    }

    /** Every typed entry takes {@code type}, and {@code name} (defaulting to the type). */
    private void addTypeAndName(List<Step> entry) {
        keys.add(render(append(entry, Step.key("type"))));
        keys.add(render(append(entry, Step.key("name"))));
    }

    private Optional<List<String>> expected(List<Step> path) {
        String at = path.isEmpty() ? "heartline." + PROBE : problemKey(path) + "." + PROBE;
        return unknownKey(load(with(path.isEmpty() ? List.of(Step.key(PROBE)) : append(path, Step.key(PROBE)), 1)), at)
                .map(pr -> {
                    Matcher m = EXPECTED.matcher(pr.message());
                    if (!m.find()) {
                        throw new AssertionError("cannot read the keys from '" + pr.message() + "'");
                    }
                    return List.of(m.group(1).split(",\\s*"));
                });
    }

    private static Optional<ConfigProblem> unknownKey(List<ConfigProblem> problems, String key) {
        return find(problems, key, "unknown key");
    }

    private static Optional<ConfigProblem> find(List<ConfigProblem> problems, String key, String text) {
        return problems.stream().filter(p -> key.equals(p.key()) && p.message().contains(text)).findFirst();
    }

    /** The base config with {@code value} at {@code path} (objects and list entries made on the way). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> with(List<Step> path, Object value) {
        Map<String, Object> root = base();
        Map<String, Object> cur = root;
        for (int i = 0; i < path.size(); i++) {
            Step s = path.get(i);
            boolean last = i == path.size() - 1;
            if (last) {
                cur.put(s.key(), value);
            } else if (path.get(i + 1).isItem()) {
                Step item = path.get(++i);
                Object old = cur.get(s.key());
                Map<String, Object> entry = new LinkedHashMap<>();
                if (item.type() != null) {
                    entry.put("type", item.type());
                } else if (old instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m) {
                    entry.putAll((Map<String, Object>) m);
                }
                cur.put(s.key(), new ArrayList<>(List.of(entry)));
                if (i == path.size() - 1) {
                    throw new IllegalArgumentException("a path ends with a key, not a list entry: " + render(path));
                }
                cur = entry;
            } else {
                Object next = cur.get(s.key());
                Map<String, Object> m = next instanceof Map<?, ?> ? (Map<String, Object>) next : new LinkedHashMap<>();
                cur.put(s.key(), m);
                cur = m;
            }
        }
        return root;
    }

    /** A small valid config: two nodes, one unicast medium, one group with one VIP, fencing off. */
    private Map<String, Object> base() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("cluster", "probe");
        h.put("node", "a");
        h.put("nodes", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "a", "address", "10.0.0.1")),
                new LinkedHashMap<>(Map.of("name", "b", "address", "10.0.0.2")))));
        h.put("auth-key-file", dir.resolve("authkey").toString());
        h.put("media", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("type", "unicast", "port", 7650)))));
        h.put("groups", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "g",
                "vips", List.of(Map.of("address", "10.0.0.10/24", "interface", "eth0")))))));
        h.put("fencing", "off");
        return h;
    }

    private List<ConfigProblem> load(Map<String, Object> heartline) {
        probes++;
        Path file = dir.resolve("probe.conf");
        try {
            Files.writeString(file, "heartline = " + ConfigValueFactory.fromMap(heartline).render(ConfigRenderOptions.concise()));
            ConfigLoader.load(file);
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Step> append(List<Step> path, Step s) {
        List<Step> out = new ArrayList<>(path);
        out.add(s);
        return out;
    }

    /** The key as the loader names it in a problem: {@code heartline.groups[0].vips[0]}. */
    private static String problemKey(List<Step> path) {
        StringBuilder sb = new StringBuilder("heartline");
        for (Step s : path) {
            sb.append(s.isItem() ? "[0]" : "." + s.key());
        }
        return sb.toString();
    }

    /** The key as the reference names it: {@code groups[].vips[].address}, {@code media[serial].baud}. */
    private static String render(List<Step> path) {
        StringBuilder sb = new StringBuilder();
        for (Step s : path) {
            if (s.isItem()) {
                sb.append('[').append(s.label()).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(s.key());
            }
        }
        return sb.toString();
    }
}
