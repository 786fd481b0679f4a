package io.heartline.core.config;

import java.util.List;

/**
 * What checking a config file found: the config when it has no problem, every problem, and
 * warnings, which do not stop the config from loading (an interface this machine does not have:
 * the file may be meant for another machine).
 */
public record ConfigReport(HeartlineConfig config, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
    public ConfigReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if (problems.isEmpty() && config == null) {
            throw new IllegalArgumentException("a report without problems needs the config");
        }
    }

    static ConfigReport failed(ConfigProblem problem) {
        return new ConfigReport(null, List.of(problem), List.of());
    }

    /** No problem: the config loads. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
