package io.heartline.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code heartline.conf} (HOCON: includes, {@code ${?ENV}} substitutions) over the defaults in
 * {@code reference.conf}, and validates it completely: every problem found is reported at once,
 * each with file, line and key. A config either loads whole or not at all.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static HeartlineConfig load(Path file) throws InvalidConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(List.of(new ConfigProblem(name, -1, null, "no such file")));
        }
        if (!Files.isReadable(file)) {
            throw new InvalidConfigException(List.of(new ConfigProblem(name, -1, null, "not readable")));
        }
        Config config;
        ConfigOrigin origin;
        try {
            Config parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            if (!parsed.hasPath("heartline")) {
                throw new InvalidConfigException(List.of(new ConfigProblem(name, -1, "heartline",
                        "missing: the file must have a 'heartline { ... }' block")));
            }
            Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
            config = parsed.withFallback(defaults).resolve();
            // the block as written in the file: the merged one has no single line to name
            origin = parsed.getValue("heartline").origin();
            if (config.getValue("heartline").valueType() != ConfigValueType.OBJECT) {
                throw new InvalidConfigException(List.of(new ConfigProblem(name, origin.lineNumber(), "heartline",
                        "must be an object: heartline { ... }")));
            }
        } catch (ConfigException e) {
            throw new InvalidConfigException(List.of(fromTypesafe(name, e)));
        }
        ConfigReader root = new ConfigReader(config.getConfig("heartline"), "heartline", origin, problems);
        HeartlineConfig result = new ConfigParser(root, file).parse();
        if (!problems.isEmpty() || result == null) {
            throw new InvalidConfigException(problems);
        }
        checkAuthKey(result, root);
        for (ConfigCheck check : java.util.ServiceLoader.load(ConfigCheck.class, ConfigLoader.class.getClassLoader())) {
            problems.addAll(check.check(result));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return result;
    }

    private static void checkAuthKey(HeartlineConfig config, ConfigReader root) {
        try {
            AuthKey.loadSecret(config.authKeyFile());
        } catch (IOException e) {
            root.problem("auth-key-file", e.getMessage());
        }
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
            return new ConfigProblem(f, e.origin().lineNumber(), null, message);
        }
        return new ConfigProblem(file, -1, null, message);
    }
}
