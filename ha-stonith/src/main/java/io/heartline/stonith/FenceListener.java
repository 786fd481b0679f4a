package io.heartline.stonith;

import io.heartline.core.NodeId;
import java.time.Duration;

/**
 * Hears every fence attempt, for the daemon's journal, alerts and metrics. Called on the
 * executor's threads: implementations must be quick and must not block (post to your own
 * queue). An exception thrown here is logged and otherwise ignored.
 */
public interface FenceListener {
    /** A request was accepted (not a duplicate that joined a running one); the agent runs after {@code delay}. */
    default void started(NodeId node, FenceAction action, String agent, Duration delay) {
    }

    /** A request finished; {@code record} is also in the history. */
    void finished(FenceRecord record);
}
