package io.heartline.heartbeat;

import io.heartline.core.GroupState;
import io.heartline.heartbeat.BeaconRejectedException.Reason;

/**
 * The wire codes of {@link GroupState}: fixed numbers, not ordinals, so that reordering the enum
 * does not change the wire format. A new state needs a new code (the switch will not compile).
 */
final class StateCodes {
    private static final GroupState[] BY_CODE = new GroupState[256];

    static {
        for (GroupState s : GroupState.values()) {
            BY_CODE[code(s)] = s;
        }
    }

    private StateCodes() {
    }

    static int code(GroupState state) {
        return switch (state) {
            case INIT -> 1;
            case STANDBY -> 2;
            case STARTING -> 3;
            case ACTIVE -> 4;
            case RELEASING -> 5;
            case FAULT -> 6;
            case OFFLINE -> 7;
        };
    }

    static GroupState state(int code) throws BeaconRejectedException {
        GroupState s = BY_CODE[code & 0xff];
        if (s == null) {
            throw new BeaconRejectedException(Reason.MALFORMED, "unknown group state code " + code);
        }
        return s;
    }
}
