package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walks every state × event of the table against an independent statement of it. */
class ResourceStateTest {
    private static final Map<ResourceState, Map<ResourceEvent, ResourceState>> EXPECTED = new EnumMap<>(ResourceState.class);

    static {
        for (ResourceState s : ResourceState.values()) {
            EXPECTED.put(s, new EnumMap<>(ResourceEvent.class));
        }
        for (ResourceState s : new ResourceState[] {ResourceState.STOPPED, ResourceState.RUNNING, ResourceState.FAILED}) {
            EXPECTED.get(s).put(ResourceEvent.START, ResourceState.STARTING);
            EXPECTED.get(s).put(ResourceEvent.STOP, ResourceState.STOPPING);
        }
        EXPECTED.get(ResourceState.STARTING).put(ResourceEvent.STARTED, ResourceState.RUNNING);
        EXPECTED.get(ResourceState.STARTING).put(ResourceEvent.START_FAILED, ResourceState.FAILED);
        EXPECTED.get(ResourceState.STOPPING).put(ResourceEvent.STOPPED, ResourceState.STOPPED);
        EXPECTED.get(ResourceState.STOPPING).put(ResourceEvent.STOP_FAILED, ResourceState.FAILED);
        EXPECTED.get(ResourceState.RUNNING).put(ResourceEvent.MONITOR_OK, ResourceState.RUNNING);
        EXPECTED.get(ResourceState.RUNNING).put(ResourceEvent.MONITOR_FAILED, ResourceState.FAILED);
        for (ResourceState s : new ResourceState[] {ResourceState.STOPPED, ResourceState.FAILED}) {
            EXPECTED.get(s).put(ResourceEvent.PROBED_STOPPED, ResourceState.STOPPED);
            EXPECTED.get(s).put(ResourceEvent.PROBED_RUNNING, ResourceState.RUNNING);
        }
    }

    @Test
    void everyStateTimesEveryEvent() {
        int legal = 0;
        for (ResourceState s : ResourceState.values()) {
            for (ResourceEvent e : ResourceEvent.values()) {
                ResourceState expected = EXPECTED.get(s).get(e);
                if (expected == null) {
                    assertFalse(s.allows(e), s + " must refuse " + e);
                    assertThrows(IllegalStateException.class, () -> s.on(e));
                } else {
                    assertTrue(s.allows(e), s + " must allow " + e);
                    assertEquals(expected, s.on(e), s + " on " + e);
                    legal++;
                }
            }
        }
        assertEquals(16, legal);
    }
}
