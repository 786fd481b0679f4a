package io.heartline.resources;

import java.time.Duration;
import java.util.Objects;

/** A {@link Resource} carried out by a {@link ResourceAgent} of any kind. */
public final class AgentResource implements Resource {
    private final String name;
    private final ResourceAgent agent;

    public AgentResource(String name, ResourceAgent agent) {
        this.name = Objects.requireNonNull(name, "name");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    public ResourceAgent agent() {
        return agent;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OperationResult start(Duration timeout) {
        return agent.run(Operation.START, timeout);
    }

    @Override
    public OperationResult stop(Duration timeout) {
        return agent.run(Operation.STOP, timeout);
    }

    @Override
    public OperationResult monitor(Duration timeout) {
        return agent.run(Operation.MONITOR, timeout);
    }

    @Override
    public String describe() {
        return agent.describe();
    }
}
