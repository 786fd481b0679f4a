package io.heartline.resources;

import java.time.Duration;
import java.util.Objects;

/**
 * What one operation on one resource came to: the OCF status, what the agent printed (bounded),
 * how long it took, and whether the caller had to kill it at its timeout (a timed-out operation
 * is always {@link OcfStatus#ERR_GENERIC}).
 */
public record OperationResult(Operation op, OcfStatus status, String output, Duration took, boolean timedOut) {

    public OperationResult {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(status, "status");
        output = output == null ? "" : output;
        Objects.requireNonNull(took, "took");
    }

    /** A result produced without running anything (built-in resources, no-ops). */
    public static OperationResult of(Operation op, OcfStatus status, String output) {
        return new OperationResult(op, status, output, Duration.ZERO, false);
    }

    /** A result for an operation that ran {@code took} and finished in time. */
    public static OperationResult of(Operation op, OcfStatus status, String output, Duration took) {
        return new OperationResult(op, status, output, took, false);
    }

    /** The operation was killed at its timeout. */
    public static OperationResult timedOut(Operation op, String output, Duration took) {
        return new OperationResult(op, OcfStatus.ERR_GENERIC, output, took, true);
    }

    public boolean succeeded() {
        return status == OcfStatus.SUCCESS;
    }

    /** One line for logs and the journal: {@code monitor NOT_RUNNING in 35 ms}. */
    public String summary() {
        return op.ocfAction() + " " + status + (timedOut ? " (timed out)" : "") + " in " + took.toMillis() + " ms";
    }
}
