package io.heartline.stonith;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to one fence request.
 *
 * @param outcome whether it worked
 * @param power   the node's power state as the device last reported it ({@link PowerState#UNKNOWN} if not known)
 * @param detail  one line for people: what the agent said, or why it failed; never a password
 * @param took    how long the agent work took (the fence delay is not included)
 */
public record FenceResult(Outcome outcome, PowerState power, String detail, Duration took) {
    public FenceResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(took, "took");
    }

    public static FenceResult ok(PowerState power, String detail, Duration took) {
        return new FenceResult(Outcome.OK, power, detail, took);
    }

    public static FenceResult failed(String detail, Duration took) {
        return new FenceResult(Outcome.FAILED, PowerState.UNKNOWN, detail, took);
    }

    public static FenceResult timeout(String detail, Duration took) {
        return new FenceResult(Outcome.TIMEOUT, PowerState.UNKNOWN, detail, took);
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    public FenceResult withTook(Duration newTook) {
        return new FenceResult(outcome, power, detail, newTook);
    }

    public FenceResult withDetail(String newDetail) {
        return new FenceResult(outcome, power, newDetail, took);
    }
}
