package io.heartline.core.config;

/** One problem in a {@link SectionConfig}, found by the module that owns the section. */
public final class InvalidSectionException extends Exception {
    private final transient ConfigProblem problem;

    public InvalidSectionException(ConfigProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public ConfigProblem problem() {
        return problem;
    }
}
