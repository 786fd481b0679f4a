package io.heartline.resources;

/** The outcome of one probe check: passed or not, and what was seen. */
public record CheckResult(boolean passed, String detail) {
    public static CheckResult pass(String detail) {
        return new CheckResult(true, detail);
    }

    public static CheckResult fail(String detail) {
        return new CheckResult(false, detail);
    }
}
