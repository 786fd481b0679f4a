package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.GroupState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walks every state x input of the table against the written-out expectation. */
class GroupTransitionsTest {
    @Test
    void everyStateAndInput() {
        List<String> actual = new ArrayList<>();
        for (GroupState s : GroupState.values()) {
            for (GroupInput i : GroupInput.values()) {
                GroupTransitions.next(s, i).ifPresent(to -> actual.add(s + " " + i + " -> " + to));
            }
        }
        assertEquals(List.of(
                "INIT INIT_DONE -> STANDBY",
                "INIT CLAIM -> STARTING",
                "STANDBY CLAIM -> STARTING",
                "STANDBY OFFLINE -> OFFLINE",
                "STARTING STARTED -> ACTIVE",
                "STARTING START_FAILED -> RELEASING",
                "ACTIVE RELEASE -> RELEASING",
                "ACTIVE STOP_FAILED -> FAULT",
                "RELEASING STOPPED -> STANDBY",
                "RELEASING STOP_FAILED -> FAULT",
                "RELEASING STOPPED_AFTER_FAILURE -> FAULT",
                "FAULT CLEANUP -> STANDBY",
                "OFFLINE ONLINE -> STANDBY"), actual);
    }

    @Test
    void everyStateIsReachableAndLeavable() {
        for (GroupState s : GroupState.values()) {
            boolean leaves = false;
            boolean reached = s == GroupState.INIT;
            for (GroupState from : GroupState.values()) {
                for (GroupInput i : GroupInput.values()) {
                    if (from == s && GroupTransitions.next(from, i).isPresent()) {
                        leaves = true;
                    }
                    if (GroupTransitions.next(from, i).filter(to -> to == s).isPresent()) {
                        reached = true;
                    }
                }
            }
            assertEquals(true, leaves && reached, s + " must be reachable and have a way out");
        }
    }
}
