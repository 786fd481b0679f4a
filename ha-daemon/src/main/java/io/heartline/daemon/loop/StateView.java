package io.heartline.daemon.loop;

import io.heartline.membership.ClusterState;
import java.util.function.Supplier;

/**
 * The loop's latest state, published for readers on other threads (the beacon sender, status,
 * metrics). Only the {@link EventLoop} sets it; it exists before the loop so that the parts the
 * loop hands actions to can be built first, each with everything it needs.
 */
public final class StateView implements Supplier<ClusterState> {
    private volatile ClusterState state;

    public StateView(ClusterState initial) {
        this.state = initial;
    }

    @Override
    public ClusterState get() {
        return state;
    }

    void set(ClusterState next) {
        state = next;
    }
}
