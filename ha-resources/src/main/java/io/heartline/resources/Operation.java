package io.heartline.resources;

/** The operations Heartline asks of a resource agent, with the OCF action name of each. */
public enum Operation {
    START("start"),
    STOP("stop"),
    MONITOR("monitor"),
    VALIDATE("validate-all"),
    META_DATA("meta-data");

    private final String ocfAction;

    Operation(String ocfAction) {
        this.ocfAction = ocfAction;
    }

    /** The action argument an OCF agent is called with ({@code validate-all}, {@code meta-data}, ...). */
    public String ocfAction() {
        return ocfAction;
    }
}
