package io.heartline.resources;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a group start or stop came to, step by step in the order the steps ran, so the daemon
 * can journal the start order and the reverse stop order.
 *
 * <ul>
 *   <li>{@link Outcome#SUCCESS}: every step succeeded.</li>
 *   <li>{@link Outcome#FAILED}: a start failed ({@link #failedResource()}); what had been started
 *       was stopped again, cleanly. The group is down on this node.</li>
 *   <li>{@link Outcome#STOP_FAILED}: at least one stop failed ({@link #stopFailures()}), in a
 *       group stop or in a failed start's roll-back. A resource may still be running: the caller
 *       must escalate (fence this node) before anyone else starts the group.</li>
 * </ul>
 */
public record GroupResult(String group, Operation operation, Outcome outcome, List<Step> steps) {

    public enum Outcome { SUCCESS, FAILED, STOP_FAILED }

    /** One operation on one resource. */
    public record Step(String resource, OperationResult result) {
        public Step {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(result, "result");
        }

        public Operation op() {
            return result.op();
        }

        public OcfStatus status() {
            return result.status();
        }

        public Duration took() {
            return result.took();
        }
    }

    public GroupResult {
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return outcome == Outcome.SUCCESS;
    }

    /** The resource whose start failed, for a failed start. */
    public Optional<String> failedResource() {
        return steps.stream().filter(s -> s.op() == Operation.START && !s.result().succeeded())
                .map(Step::resource).findFirst();
    }

    /** Every resource whose stop failed, in the order they were stopped. */
    public List<String> stopFailures() {
        return steps.stream().filter(s -> s.op() == Operation.STOP && !s.result().succeeded())
                .map(Step::resource).toList();
    }

    /** The sum of the steps' times. */
    public Duration took() {
        return steps.stream().map(Step::took).reduce(Duration.ZERO, Duration::plus);
    }
}
