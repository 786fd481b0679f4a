package io.heartline.membership;

import static io.heartline.core.GroupState.ACTIVE;
import static io.heartline.core.GroupState.FAULT;
import static io.heartline.core.GroupState.INIT;
import static io.heartline.core.GroupState.OFFLINE;
import static io.heartline.core.GroupState.RELEASING;
import static io.heartline.core.GroupState.STANDBY;
import static io.heartline.core.GroupState.STARTING;

import io.heartline.core.GroupState;
import java.util.Optional;

/**
 * The total transition table of a group on one node: for every state and every input, the next
 * state, or none when the input is ignored in that state.
 *
 * <pre>
 *            INIT_DONE           CLAIM              STARTED
 *   INIT ──────────────▶ STANDBY ─────▶ STARTING ──────────▶ ACTIVE
 *     │ CLAIM (handed to us)  ▲            │ START_FAILED      │ RELEASE
 *     └───────────────────────┼──────▶ STARTING               ▼
 *                             │  STOPPED        (RELEASE waits ▼ for STARTED)
 *                             └─────────────── RELEASING ◀─────┘
 *                                                  │ STOP_FAILED, STOPPED_AFTER_FAILURE
 *                                                  │ (ACTIVE too: STOP_FAILED, a resource that would not stop)
 *                       CLEANUP                    ▼
 *            STANDBY ◀──────────────────────────  FAULT
 *
 *            STANDBY ──OFFLINE──▶ OFFLINE ──ONLINE──▶ STANDBY   (hactl standby / online)
 * </pre>
 *
 * RELEASE while STARTING is not a transition: the decider keeps it as the wanted state and
 * releases once the start is done.
 */
public final class GroupTransitions {
    private static final GroupState[][] NEXT = new GroupState[GroupState.values().length][GroupInput.values().length];

    static {
        set(INIT, GroupInput.INIT_DONE, STANDBY);
        set(INIT, GroupInput.CLAIM, STARTING);
        set(STANDBY, GroupInput.CLAIM, STARTING);
        set(STARTING, GroupInput.STARTED, ACTIVE);
        set(STARTING, GroupInput.START_FAILED, RELEASING);
        set(ACTIVE, GroupInput.RELEASE, RELEASING);
        set(ACTIVE, GroupInput.STOP_FAILED, FAULT);
        set(RELEASING, GroupInput.STOPPED, STANDBY);
        set(RELEASING, GroupInput.STOP_FAILED, FAULT);
        set(RELEASING, GroupInput.STOPPED_AFTER_FAILURE, FAULT);
        set(FAULT, GroupInput.CLEANUP, STANDBY);
        set(STANDBY, GroupInput.OFFLINE, OFFLINE);
        set(OFFLINE, GroupInput.ONLINE, STANDBY);
    }

    private GroupTransitions() {
    }

    private static void set(GroupState from, GroupInput input, GroupState to) {
        NEXT[from.ordinal()][input.ordinal()] = to;
    }

    /** The next state, or empty when {@code input} is ignored in {@code from}. */
    public static Optional<GroupState> next(GroupState from, GroupInput input) {
        return Optional.ofNullable(NEXT[from.ordinal()][input.ordinal()]);
    }

}
