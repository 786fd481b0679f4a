package io.heartline.resources;

/**
 * A resource's state on this node, with a total transition table: every state × event is either
 * a next state or refused ({@link #allows} is false and {@link #on} throws).
 *
 * <pre>
 *              START               STARTED
 *   STOPPED ─────────▶ STARTING ──────────▶ RUNNING ◀──┐ MONITOR_OK
 *      ▲                  │ START_FAILED     │  │ └─────┘
 *      │ STOPPED          ▼                  │  │ MONITOR_FAILED
 *   STOPPING ─────────▶ FAILED ◀─────────────┘──┘
 *      ▲   STOP_FAILED
 *      └── STOP, from STOPPED, RUNNING or FAILED (stop is idempotent; START likewise)
 *
 * state \ event  START    STARTED START_FAILED STOP     STOPPED STOP_FAILED MONITOR_OK MONITOR_FAILED PROBED_STOPPED PROBED_RUNNING
 * STOPPED        STARTING -       -            STOPPING -       -           -          -              STOPPED        RUNNING
 * STARTING       -        RUNNING FAILED       -        -       -           -          -              -              -
 * RUNNING        STARTING -       -            STOPPING -       -           RUNNING    FAILED         -              -
 * STOPPING       -        -       -            -        STOPPED FAILED      -          -              -              -
 * FAILED         STARTING -       -            STOPPING -       -           -          -              STOPPED        RUNNING
 * </pre>
 *
 * PROBED_* come from a cleanup's probe. Which operations run is decided by {@link GroupManager};
 * this table only says which moves are legal.
 */
public enum ResourceState {
    STOPPED, STARTING, RUNNING, STOPPING, FAILED;

    private static final ResourceState[][] NEXT = new ResourceState[values().length][ResourceEvent.values().length];

    static {
        for (ResourceState s : new ResourceState[] {STOPPED, RUNNING, FAILED}) {
            set(s, ResourceEvent.START, STARTING);
            set(s, ResourceEvent.STOP, STOPPING);
        }
        set(STARTING, ResourceEvent.STARTED, RUNNING);
        set(STARTING, ResourceEvent.START_FAILED, FAILED);
        set(STOPPING, ResourceEvent.STOPPED, STOPPED);
        set(STOPPING, ResourceEvent.STOP_FAILED, FAILED);
        set(RUNNING, ResourceEvent.MONITOR_OK, RUNNING);
        set(RUNNING, ResourceEvent.MONITOR_FAILED, FAILED);
        for (ResourceState s : new ResourceState[] {STOPPED, FAILED}) {
            set(s, ResourceEvent.PROBED_STOPPED, STOPPED);
            set(s, ResourceEvent.PROBED_RUNNING, RUNNING);
        }
    }

    private static void set(ResourceState from, ResourceEvent e, ResourceState to) {
        NEXT[from.ordinal()][e.ordinal()] = to;
    }

    public boolean allows(ResourceEvent e) {
        return NEXT[ordinal()][e.ordinal()] != null;
    }

    /** @throws IllegalStateException if this state refuses {@code e} */
    public ResourceState on(ResourceEvent e) {
        ResourceState next = NEXT[ordinal()][e.ordinal()];
        if (next == null) {
            throw new IllegalStateException("no transition from " + this + " on " + e);
        }
        return next;
    }
}
