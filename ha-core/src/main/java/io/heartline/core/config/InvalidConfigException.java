package io.heartline.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The config cannot be used; {@link #problems()} lists every problem found, each with file, line and key. */
public final class InvalidConfigException extends Exception {
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
