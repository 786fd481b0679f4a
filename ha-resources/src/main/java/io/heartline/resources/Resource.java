package io.heartline.resources;

import java.time.Duration;
import java.util.Map;

/**
 * One member of a resource group, as the {@link GroupManager} sees it. Agents are adapted by
 * {@link AgentResource}; a resource built into Java (the daemon's VIP, say) implements this
 * directly and sits in the same ordered group as script, LSB and OCF agents.
 *
 * <p>Implementations follow OCF semantics: start and stop are idempotent; monitor answers
 * {@link OcfStatus#SUCCESS} while running and {@link OcfStatus#NOT_RUNNING} when cleanly stopped;
 * each call returns within its timeout (agents run as processes are killed at it; Java
 * implementations must honour it themselves) and reports failure in the result, not by throwing.
 * Calls for one group come from one thread at a time.
 */
public interface Resource {
    /** Unique within its group; the journal and {@code hactl resource cleanup GROUP/NAME} use it. */
    String name();

    OperationResult start(Duration timeout);

    OperationResult stop(Duration timeout);

    OperationResult monitor(Duration timeout);

    /** For logs and status; the name by default. */
    default String describe() {
        return name();
    }

    /**
     * Maintenance on or off (on this node: no monitors, no recovery). A resource that acts by
     * itself while it runs (an LVS director's real-server checks) makes no change while it is on.
     * Called on the group's thread; must not block. Nothing by default.
     */
    default void maintenance(boolean on) {
    }

    /**
     * What this resource adds to its entry in {@code hactl status}, JSON-shaped (an LVS director's
     * real servers, say); none by default. Called from any thread: return a snapshot, never block.
     */
    default Map<String, Object> statusDetails() {
        return Map.of();
    }
}
