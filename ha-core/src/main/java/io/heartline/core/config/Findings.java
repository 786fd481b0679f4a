package io.heartline.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What reading one config file found, shared by every {@link ConfigReader} of the file: problems
 * (the config cannot be used), warnings (it can, but something looks wrong on this machine), and
 * whether a problem left a value unusable. An unknown key loses no value, so a config with only
 * typos is still built and checked further: every problem is reported at once.
 */
final class Findings {
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final Predicate<String> interfaceExists;
    private boolean valueLost;

    /** {@code interfaceExists}: whether this machine has a network interface of that name. */
    Findings(Predicate<String> interfaceExists) {
        this.interfaceExists = interfaceExists;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    List<ConfigProblem> warnings() {
        return warnings;
    }

    void problem(ConfigProblem p, boolean losesValue) {
        problems.add(p);
        valueLost |= losesValue;
    }

    void warning(ConfigProblem p) {
        warnings.add(p);
    }

    /** Whether some value could not be read, so that no config can be built from the file. */
    boolean valueLost() {
        return valueLost;
    }

    boolean interfaceExists(String name) {
        return interfaceExists.test(name);
    }
}
