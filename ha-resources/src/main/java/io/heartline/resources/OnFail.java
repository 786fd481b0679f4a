package io.heartline.resources;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do when a running resource's monitor fails.
 *
 * <ul>
 *   <li>{@link Action#RESTART}: stop and start the resource in place, at most {@code maxRestarts}
 *       times within any {@code restartWindow} (Pacemaker's migration-threshold and
 *       failure-timeout); the failure after that asks for the group to fail over.</li>
 *   <li>{@link Action#FAILOVER}: ask for the group to fail over at once.</li>
 *   <li>{@link Action#BLOCK}: mark the resource FAILED, stop monitoring it, touch nothing; an
 *       operator runs cleanup.</li>
 *   <li>{@link Action#IGNORE}: count the failure and keep the resource RUNNING and monitored.</li>
 * </ul>
 *
 * Whatever the action, a hard or fatal status (ERR_PERM, ERR_INSTALLED, ERR_CONFIGURED) is not
 * restarted in place, since a restart here cannot fix it: RESTART then fails over at once.
 */
public record OnFail(Action action, int maxRestarts, Duration restartWindow) {

    public enum Action { RESTART, FAILOVER, BLOCK, IGNORE }

    public OnFail {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(restartWindow, "restartWindow");
        if (maxRestarts < 0 || restartWindow.isNegative()) {
            throw new IllegalArgumentException("max-restarts and restart-window must not be negative");
        }
    }

    /** Restart in place up to 3 times within 5 minutes, then fail over. */
    public static OnFail defaults() {
        return restart(3, Duration.ofMinutes(5));
    }

    public static OnFail restart(int maxRestarts, Duration restartWindow) {
        return new OnFail(Action.RESTART, maxRestarts, restartWindow);
    }

    public static OnFail failover() {
        return new OnFail(Action.FAILOVER, 0, Duration.ZERO);
    }

    public static OnFail block() {
        return new OnFail(Action.BLOCK, 0, Duration.ZERO);
    }

    public static OnFail ignore() {
        return new OnFail(Action.IGNORE, 0, Duration.ZERO);
    }
}
