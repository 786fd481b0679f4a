package io.heartline.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed values from one config object, recording a {@link ConfigProblem} (file, line,
 * full key) for each bad or missing value instead of stopping at the first. Getters return
 * {@code null} when the value is unusable; the caller checks {@link #problems()} at the end.
 */
final class ConfigReader {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_START = Pattern.compile("[0-9A-Fa-f:\\[]");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,62}");

    private final Config config;
    private final String prefix;
    private final ConfigOrigin origin;
    private final Findings findings;

    ConfigReader(Config config, String prefix, ConfigOrigin origin, Findings findings) {
        this.config = config;
        this.prefix = prefix;
        this.origin = origin;
        this.findings = findings;
    }

    List<ConfigProblem> problems() {
        return findings.problems();
    }

    String key(String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    /** Whether a problem so far left a value unusable (an unknown key does not). */
    boolean valueLost() {
        return findings.valueLost();
    }

    /** A problem with the value at {@code path}, or with this object when the value is missing. */
    void problem(String path, String message) {
        findings.problem(at(path, message), true);
    }

    /** Something that does not stop the config from working here, but may be a mistake. */
    void warning(String path, String message) {
        findings.warning(at(path, message));
    }

    /** Warns when this machine has no interface {@code name} (the value at {@code path}). */
    void checkInterface(String path, String name) {
        if (name != null && !findings.interfaceExists(name)) {
            warning(path, "no interface '" + name + "' on this machine (not in /sys/class/net): a typo, or a file"
                    + " written for another machine?");
        }
    }

    private ConfigProblem at(String path, String message) {
        ConfigOrigin o = origin;
        if (config.hasPath(path)) {
            o = within(config.getValue(path).origin());
        } else if (config.root().get(path) != null) { // an explicit null has a line of its own
            o = within(config.root().get(path).origin());
        }
        return problemAt(o, key(path), message);
    }

    /**
     * {@code o}, unless it has no line: an object merged from the file and {@code reference.conf}
     * has none, and then the enclosing object's line is the nearest place to point at.
     */
    private ConfigOrigin within(ConfigOrigin o) {
        return o == null || o.lineNumber() < 0 ? origin : o;
    }

    void add(ConfigOrigin o, String key, String message) {
        findings.problem(problemAt(o, key, message), true);
    }

    private static ConfigProblem problemAt(ConfigOrigin o, String key, String message) {
        return new ConfigProblem(o == null ? null : o.filename() != null ? o.filename() : o.description(),
                o == null ? -1 : o.lineNumber(), key, message);
    }

    boolean has(String path) {
        return config.hasPath(path);
    }

    /** Every key of this object must be one of {@code known}: catches typos such as {@code deadtme}. */
    void onlyKeys(Set<String> known) {
        for (String k : config.root().keySet()) {
            if (!known.contains(k)) {
                // loses no value: the config is still built, so that later checks report their problems too
                findings.problem(problemAt(within(config.root().get(k).origin()), key(k),
                        "unknown key (expected one of " + String.join(", ", new java.util.TreeSet<>(known)) + ")"), false);
            }
        }
    }

    boolean isString(String path) {
        return config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.STRING;
    }

    String string(String path) {
        if (!present(path)) {
            return null;
        }
        try {
            return config.getString(path);
        } catch (ConfigException.WrongType e) {
            problem(path, "must be a string");
            return null;
        }
    }

    String string(String path, Pattern valid, String what) {
        String s = string(path);
        if (s != null && !valid.matcher(s).matches()) {
            problem(path, "'" + s + "' is not " + what);
            return null;
        }
        return s;
    }

    Integer integer(String path, int min, int max) {
        if (!present(path)) {
            return null;
        }
        try {
            int v = config.getInt(path);
            if (v < min || v > max) {
                problem(path, v + " is out of range " + min + ".." + max);
                return null;
            }
            return v;
        } catch (ConfigException.WrongType e) {
            problem(path, "must be a whole number");
            return null;
        }
    }

    Duration duration(String path, Duration min, Duration max) {
        if (!present(path)) {
            return null;
        }
        try {
            Duration d = config.getDuration(path);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(path, format(d) + " is out of range " + format(min) + ".." + format(max));
                return null;
            }
            return d;
        } catch (ConfigException.BadValue | ConfigException.WrongType | IndexOutOfBoundsException e) {
            // IndexOutOfBounds: Typesafe Config's unicodeTrim fails on a lone surrogate ("\udc00"; ConfigFuzzTest)
            problem(path, "must be a duration such as 200ms or 1s");
            return null;
        }
    }

    /** A size such as {@code 64KiB} or {@code 16MiB} (HOCON's size units: {@code K}/{@code KiB} are 1024, {@code kB} 1000). */
    Long bytes(String path, long min, long max) {
        if (!present(path)) {
            return null;
        }
        try {
            long v = config.getBytes(path);
            if (v < min || v > max) {
                problem(path, formatBytes(v) + " is out of range " + formatBytes(min) + ".." + formatBytes(max));
                return null;
            }
            return v;
        } catch (ConfigException.BadValue | ConfigException.WrongType | IndexOutOfBoundsException e) {
            // IndexOutOfBounds: as in duration(), a lone surrogate in the value
            problem(path, "must be a size such as 64KiB or 16MiB");
            return null;
        }
    }

    /** An IP address literal; host names are refused so that start-up never waits on DNS. */
    InetAddress address(String path) {
        String s = string(path);
        return s == null ? null : parseAddress(path, s);
    }

    InetAddress parseAddress(String path, String s) {
        // an IPv6 literal starts with a hex digit or ':'; InetAddress looks anything else up in DNS
        if (!(IPV4.matcher(s).matches() || s.contains(":") && IPV6_START.matcher(s).lookingAt())) {
            problem(path, "'" + s + "' is not an IP address (host names are not accepted)");
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            problem(path, "'" + s + "' is not an IP address");
            return null;
        }
    }

    /**
     * A list of IP literals such as {@code [ 10.0.0.1, "2001:db8::1" ]}: an entry that is not one,
     * or repeats an earlier one, is reported under its own key ({@code path[i]}) and line and left out.
     */
    List<InetAddress> addresses(String path) {
        List<InetAddress> out = new ArrayList<>();
        if (!present(path)) {
            return out;
        }
        ConfigValue v = config.getValue(path);
        if (v.valueType() != ConfigValueType.LIST) {
            problem(path, "must be a list of IP addresses [ ... ]");
            return out;
        }
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            String itemKey = key(path) + "[" + i + "]";
            String s = item.valueType() == ConfigValueType.STRING ? (String) item.unwrapped() : null;
            InetAddress a = s == null ? null : literal(s);
            if (a == null) {
                add(within(item.origin()), itemKey, (s == null ? String.valueOf(item.unwrapped()) : "'" + s + "'")
                        + " is not an IP address (host names are not accepted; write an IPv6 address in quotes)");
            } else if (out.contains(a)) {
                add(within(item.origin()), itemKey, a.getHostAddress() + " is listed twice");
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** {@code s} as an IP address, or null when it is not an IP literal (never a DNS look-up). */
    private static InetAddress literal(String s) {
        boolean v4 = IPV4.matcher(s).matches();
        if (!(v4 || s.contains(":") && IPV6_START.matcher(s).lookingAt())) {
            return null;
        }
        if (v4 && java.util.Arrays.stream(s.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return null; // InetAddress would look 10.0.0.300 up in DNS
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        String s = string(path);
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.replace('-', '_'))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase());
        }
        problem(path, "'" + s + "' is not one of " + String.join(", ", names));
        return null;
    }

    /** The objects of a list, each as a reader whose keys read as {@code path[i].key}. */
    List<ConfigReader> objects(String path) {
        List<ConfigReader> out = new ArrayList<>();
        if (!present(path)) {
            return out;
        }
        ConfigValue v = config.getValue(path);
        if (v.valueType() != ConfigValueType.LIST) {
            problem(path, "must be a list [ ... ]");
            return out;
        }
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            String itemKey = key(path) + "[" + i + "]";
            if (item.valueType() != ConfigValueType.OBJECT) {
                add(within(item.origin()), itemKey, "must be an object { ... }");
                continue;
            }
            out.add(new ConfigReader(((ConfigObject) item).toConfig(), itemKey, within(item.origin()), findings));
        }
        return out;
    }

    ConfigReader object(String path) {
        if (!present(path)) {
            return null;
        }
        ConfigValue v = config.getValue(path);
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(path, "must be an object { ... }");
            return null;
        }
        return new ConfigReader(((ConfigObject) v).toConfig(), key(path), within(v.origin()), findings);
    }

    /** The objects of a list as {@link SectionConfig}s, each name unique within the list. */
    List<SectionConfig> sections(String path) {
        List<SectionConfig> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (ConfigReader item : objects(path)) {
            SectionConfig section = item.section();
            if (section == null) {
                continue;
            }
            if (!names.add(section.name())) {
                item.problem("name", "two entries are named '" + section.name() + "'");
            }
            out.add(section);
        }
        return out;
    }

    /** This object as a {@link SectionConfig}: {@code type} required, {@code name} defaulting to the type. */
    SectionConfig section() {
        String type = string("type", TYPE, "a type name (letters, digits, '.', '_', '-', ':')");
        String name = config.hasPath("name") ? string("name", ConfigParser.NAME, "a valid name") : type;
        if (type == null || name == null) {
            return null;
        }
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> lines = new java.util.LinkedHashMap<>();
        for (String k : config.root().keySet()) {
            if (config.root().get(k).valueType() == ConfigValueType.NULL) {
                problem(k, "must not be null");
                return null;
            }
            if (!k.equals("type") && !k.equals("name")) {
                values.put(k, config.root().get(k).unwrapped());
                lines.put(k, config.root().get(k).origin().lineNumber());
                nestedLines(k, config.root().get(k), lines);
            }
        }
        return new SectionConfig(prefix, type, name, values, lines,
                origin == null ? null : origin.filename() != null ? origin.filename() : origin.description(),
                origin == null ? -1 : origin.lineNumber());
    }

    /**
     * The line of every value inside {@code v}, keyed as a module names it in a problem:
     * {@code check.timeout} inside an object, {@code real-servers[1]} for a list entry.
     */
    private static void nestedLines(String path, ConfigValue v, java.util.Map<String, Integer> lines) {
        if (v instanceof ConfigObject o) {
            for (java.util.Map.Entry<String, ConfigValue> e : o.entrySet()) {
                String p = path + "." + e.getKey();
                lines.put(p, e.getValue().origin().lineNumber());
                nestedLines(p, e.getValue(), lines);
            }
        } else if (v instanceof ConfigList l) {
            for (int i = 0; i < l.size(); i++) {
                String p = path + "[" + i + "]";
                lines.put(p, l.get(i).origin().lineNumber());
                nestedLines(p, l.get(i), lines);
            }
        }
    }

    private boolean present(String path) {
        if (config.hasPath(path)) {
            return true;
        }
        problem(path, config.hasPathOrNull(path) ? "must not be null" : "missing");
        return false;
    }

    /** {@code 16MiB}, {@code 64KiB}, or bytes when the size is not a whole number of KiB. */
    static String formatBytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && b != 0 && b % 1024 == 0) {
            b /= 1024;
            u++;
        }
        return b + units[u];
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 && ms != 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
