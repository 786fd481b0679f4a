package io.heartline.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A config section owned by another module (an alert channel, a fence device, a resource): its
 * {@code type}, {@code name} and raw values, with the file and line of each key, so the owning
 * module can build its own records and report any problem exactly where it is. The typed getters
 * throw {@link InvalidSectionException} naming file, line and full key.
 *
 * @param key   full key of the section, e.g. {@code heartline.alerts.channels[0]}
 * @param lines line of each value's key, nested ones too ({@code check.timeout},
 *              {@code real-servers[1]}); {@code line} is the section's own
 */
public record SectionConfig(String key, String type, String name, Map<String, Object> values,
                            Map<String, Integer> lines, String file, int line) {
    public SectionConfig {
        values = Map.copyOf(values);
        lines = Map.copyOf(lines);
    }

    /** A problem with one of this section's values (or the section itself when {@code subkey} is null). */
    public ConfigProblem problem(String subkey, String message) {
        return subkey == null ? new ConfigProblem(file, line, key, message)
                : new ConfigProblem(file, lines.getOrDefault(subkey, line), key + "." + subkey, message);
    }

    public InvalidSectionException invalid(String subkey, String message) {
        return new InvalidSectionException(problem(subkey, message));
    }

    public boolean has(String k) {
        return values.containsKey(k);
    }

    public String string(String k) throws InvalidSectionException {
        Object v = values.get(k);
        if (v == null) {
            throw invalid(k, "missing");
        }
        if (v instanceof Map || v instanceof List) {
            throw invalid(k, "must be a single value");
        }
        return v.toString();
    }

    /**
     * A secret given as {@code k = "..."} or, better, read from the file {@code k-file = /path}
     * through {@link SecretFile} (owned by root or this user, mode 600): not both. The example's
     * placeholder {@value SecretFile#PLACEHOLDER} is refused either way.
     *
     * @return the secret, or null when neither key is given
     */
    public String secret(String k) throws InvalidSectionException {
        String fileKey = k + "-file";
        if (has(k) && has(fileKey)) {
            throw invalid(fileKey, "give either " + k + " or " + fileKey + ", not both");
        }
        if (has(fileKey)) {
            String name = string(fileKey);
            if (!name.startsWith("/")) {
                throw invalid(fileKey, "'" + name + "' must be an absolute path");
            }
            try {
                return SecretFile.read(Path.of(name), k + " file");
            } catch (IOException | InvalidPathException e) {
                throw invalid(fileKey, e.getMessage());
            }
        }
        if (!has(k)) {
            return null;
        }
        String value = string(k);
        if (SecretFile.isPlaceholder(value)) {
            throw invalid(k, "'" + value + "' is the example's placeholder: set a real " + k
                    + " (better in a file of mode 600, named by " + fileKey + ")");
        }
        return value;
    }

    public String string(String k, String dflt) throws InvalidSectionException {
        return has(k) ? string(k) : dflt;
    }

    public int integer(String k, int dflt, int min, int max) throws InvalidSectionException {
        if (!has(k)) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(string(k));
            if (v < min || v > max) {
                throw invalid(k, v + " is out of range " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(k, "must be a whole number");
        }
    }

    public boolean bool(String k, boolean dflt) throws InvalidSectionException {
        if (!has(k)) {
            return dflt;
        }
        String s = string(k);
        if (s.equals("true") || s.equals("yes") || s.equals("on")) {
            return true;
        }
        if (s.equals("false") || s.equals("no") || s.equals("off")) {
            return false;
        }
        throw invalid(k, "'" + s + "' is not true or false");
    }

    public Duration duration(String k, Duration dflt) throws InvalidSectionException {
        if (!has(k)) {
            return dflt;
        }
        String s = string(k);
        try {
            return ConfigFactory.parseMap(Map.of("d", s)).getDuration("d");
        } catch (ConfigException e) {
            throw invalid(k, "'" + s + "' is not a duration such as 500ms, 30s or 10m");
        }
    }

    public List<String> strings(String k) throws InvalidSectionException {
        Object v = values.get(k);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(v.toString());
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String k) throws InvalidSectionException {
        Object v = values.get(k);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw invalid(k, "must be an object { key = value }");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) v).forEach((a, b) -> out.put(a, String.valueOf(b)));
        return out;
    }

    /** Every key must be one of {@code known} (type and name always are). */
    public void onlyKeys(java.util.Set<String> known) throws InvalidSectionException {
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw invalid(k, "unknown key for a '" + type + "' (expected one of " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
