package io.heartline.resources;

/**
 * Told what happens to a managed group between the caller's own start and stop calls (whose
 * outcome is in their {@link GroupResult}). Called on the group's executor thread; must not block.
 */
public interface GroupListener {

    /**
     * The group cannot stay on this node: a monitor failed and on-fail says fail over, restarts in
     * place ran out, the error is hard, or a restart's start failed. Called once until the next
     * start or stop of the group.
     */
    void failoverRequired(String group, String resource, String reason);

    /**
     * A stop failed during a restart in place: the resource may still be running. Serious: the
     * caller escalates (fencing) rather than handing the group over cleanly.
     */
    void stopFailed(String group, String resource, OperationResult result);

    /** Every recurring monitor's result (success or not), for metrics. */
    default void monitored(String group, String resource, OperationResult result) {
    }

    /** Every state change, for the journal. */
    default void stateChanged(String group, String resource, ResourceState from, ResourceState to, String cause) {
    }
}
