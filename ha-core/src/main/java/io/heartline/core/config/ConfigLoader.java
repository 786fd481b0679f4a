package io.heartline.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Loads {@code heartline.conf} (HOCON: includes, {@code ${?ENV}} substitutions) over the defaults in
 * {@code reference.conf}, and validates it completely: every problem found is reported at once,
 * each with file, line and key. A config either loads whole or not at all.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** The config in {@code file}, or every problem found in it; warnings are dropped (see {@link #check}). */
    public static HeartlineConfig load(Path file) throws InvalidConfigException {
        ConfigReport report = check(file);
        if (!report.ok()) {
            throw new InvalidConfigException(report.problems());
        }
        return report.config();
    }

    /** Everything {@code hactl config check} reports on {@code file}, with this machine's interfaces. */
    public static ConfigReport check(Path file) {
        return check(file, NetInterfaces.system());
    }

    /** {@link #check(Path)} with {@code interfaceExists} telling which interfaces the machine has. */
    public static ConfigReport check(Path file, Predicate<String> interfaceExists) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            return ConfigReport.failed(new ConfigProblem(name, -1, null, "is a directory, not a config file"));
        }
        if (!Files.exists(file)) {
            return ConfigReport.failed(new ConfigProblem(name, -1, null, "no such file"));
        }
        if (!Files.isRegularFile(file)) {
            return ConfigReport.failed(new ConfigProblem(name, -1, null, "not a regular file"));
        }
        if (!Files.isReadable(file)) {
            return ConfigReport.failed(new ConfigProblem(name, -1, null, "not readable"));
        }
        Config config;
        ConfigOrigin origin;
        try {
            // absolute: Typesafe Config resolves an include next to the including file only when that file has a parent
            Config parsed = ConfigFactory.parseFile(file.toAbsolutePath().toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(new RequiredIncluder()));
            if (!parsed.hasPath("heartline")) {
                return ConfigReport.failed(new ConfigProblem(name, -1, "heartline",
                        "missing: the file must have a 'heartline { ... }' block"));
            }
            Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
            config = parsed.withFallback(defaults).resolve();
            // the block as written in the file: the merged one has no single line to name
            origin = blockOrigin(parsed.getValue("heartline").origin(), file);
            if (config.getValue("heartline").valueType() != ConfigValueType.OBJECT) {
                return ConfigReport.failed(new ConfigProblem(name, origin.lineNumber(), "heartline",
                        "must be an object: heartline { ... }"));
            }
        } catch (RequiredIncluder.Missing e) {
            return ConfigReport.failed(new ConfigProblem(name, includeLine(file, e.include()), null, e.problem()));
        } catch (ConfigException e) {
            return ConfigReport.failed(fromTypesafe(name, e));
        }
        Findings findings = new Findings(interfaceExists);
        ConfigReader root = new ConfigReader(config.getConfig("heartline"), "heartline", origin, findings);
        ConfigParser parser = new ConfigParser(root, file);
        HeartlineConfig result = parser.parse();
        if (parser.authKeyFile() != null) {
            checkAuthKey(parser.authKeyFile(), root);
        }
        List<ConfigProblem> problems = new ArrayList<>(findings.problems());
        if (result != null) {
            for (ConfigCheck check : java.util.ServiceLoader.load(ConfigCheck.class, ConfigLoader.class.getClassLoader())) {
                problems.addAll(check.check(result));
            }
        }
        return new ConfigReport(problems.isEmpty() ? result : null, problems, findings.warnings());
    }

    /** The key file must exist and hold a key; when it is missing, the problem says how to make one. */
    private static void checkAuthKey(Path keyFile, ConfigReader root) {
        if (!Files.exists(keyFile)) {
            root.problem("auth-key-file", "auth key file " + keyFile + " does not exist; make it on one node with: "
                    + makeKeyCommand(keyFile) + " and copy it to the others (the same key on every node)");
            return;
        }
        try {
            AuthKey.loadSecret(keyFile);
        } catch (IOException e) {
            root.problem("auth-key-file", e.getMessage());
        }
    }

    /** The shell command that writes a new key to {@code keyFile}, readable by its owner only. */
    private static String makeKeyCommand(Path keyFile) {
        return "(umask 077 && openssl rand -hex 32 > " + keyFile + ")";
    }

    /**
     * Where a problem of the block as a whole (a missing key) points: the block's own origin, or, when
     * it was merged from this file and an included one (which Typesafe describes as "merge of ..."
     * with no file name, and with no line unless both were on the same one), the line of this file
     * that opens it (its first line if none is found).
     */
    private static ConfigOrigin blockOrigin(ConfigOrigin o, Path file) {
        if (o.lineNumber() > 0 && o.filename() != null) {
            return o;
        }
        int line = firstLine(file, l -> l.matches("heartline\\s*[{:=].*"));
        return ConfigOriginFactory.newFile(file.toString()).withLineNumber(line > 0 ? line : 1);
    }

    /**
     * The line of {@code file} that includes {@code include}, or -1 (Typesafe Config keeps no origin
     * for an include; an include inside an included file is not in {@code file}).
     */
    private static int includeLine(Path file, String include) {
        String quoted = include.startsWith("file(") ? include : "\"" + include + "\"";
        return firstLine(file, l -> l.startsWith("include") && l.contains(quoted));
    }

    /** The number of the first line of {@code file} that, stripped, matches; -1 if none. */
    private static int firstLine(Path file, Predicate<String> matches) {
        try {
            List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (matches.test(lines.get(i).strip())) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return -1; // read above; a file that changed meanwhile only loses the line number
        }
        return -1;
    }

    private static ConfigProblem fromTypesafe(String file, ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null) {
            String originText = e.origin().description();
            // Typesafe prefixes the origin ("file: 12: ..."); we print it ourselves.
            int idx = message.indexOf(": ", originText.length() > 0 && message.startsWith(originText) ? originText.length() : 0);
            if (message.startsWith(originText) && idx >= 0) {
                message = message.substring(idx + 2);
            }
            String f = e.origin().filename() != null ? e.origin().filename() : file;
            if (e instanceof ConfigException.Parse && e.origin().lineNumber() > 0) {
                return SyntaxHint.locate(Path.of(f), e.origin().lineNumber(), message);
            }
            return new ConfigProblem(f, e.origin().lineNumber(), null, message);
        }
        return new ConfigProblem(file, -1, null, message);
    }
}
