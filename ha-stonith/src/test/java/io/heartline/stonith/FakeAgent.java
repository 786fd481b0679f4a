package io.heartline.stonith;

import io.heartline.core.ManualClock;
import io.heartline.core.NodeId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted agent in virtual time: by default a well-behaved power switch (off turns the
 * machine off, status reports it); {@link #next} queues special answers per action, each taking
 * some virtual time (the agent advances the shared {@link ManualClock}) or throwing.
 */
final class FakeAgent implements FenceAgent {
    /** One call as the agent saw it. */
    record Call(FenceAction action, NodeId node, Duration timeout, Duration at) {
    }

    private record Answer(FenceResult result, Duration takes, RuntimeException thrown) {
    }

    private final String name;
    private final ManualClock clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<FenceAction, Deque<Answer>> answers = new EnumMap<>(FenceAction.class);
    private PowerState power = PowerState.ON;

    FakeAgent(String name, ManualClock clock) {
        this.name = name;
        this.clock = clock;
        for (FenceAction a : FenceAction.values()) {
            answers.put(a, new ArrayDeque<>());
        }
    }

    /** The next {@code action} answers {@code result} after {@code takes} of virtual time. */
    FakeAgent next(FenceAction action, FenceResult result, Duration takes) {
        answers.get(action).add(new Answer(result, takes, null));
        return this;
    }

    /** The next {@code action} throws. */
    FakeAgent nextThrows(FenceAction action, RuntimeException e) {
        answers.get(action).add(new Answer(null, Duration.ZERO, e));
        return this;
    }

    @Override
    public FenceResult run(FenceAction action, NodeId node, Duration timeout) {
        calls.add(new Call(action, node, timeout, Duration.ofNanos(clock.monotonicNanos())));
        Answer a = answers.get(action).poll();
        if (a != null) {
            clock.advance(a.takes());
            if (a.thrown() != null) {
                throw a.thrown();
            }
            if (action != FenceAction.STATUS && a.result().isOk() && a.result().power() != PowerState.UNKNOWN) {
                power = a.result().power();
            }
            return a.result();
        }
        switch (action) {
            case OFF:
                power = PowerState.OFF;
                return FenceResult.ok(PowerState.OFF, name + " off: done", Duration.ZERO);
            case ON:
            case REBOOT:
                power = PowerState.ON;
                return FenceResult.ok(PowerState.ON, name + " " + action.word() + ": done", Duration.ZERO);
            default:
                return FenceResult.ok(power, name + " status: " + power.name().toLowerCase(java.util.Locale.ROOT), Duration.ZERO);
        }
    }

    List<Call> calls() {
        return calls;
    }

    List<FenceAction> actions() {
        return calls.stream().map(Call::action).toList();
    }

    @Override
    public String name() {
        return name;
    }
}
