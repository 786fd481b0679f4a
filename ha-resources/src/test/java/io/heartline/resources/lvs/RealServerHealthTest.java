package io.heartline.resources.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.heartline.resources.lvs.RealServerHealth.Input;
import io.heartline.resources.lvs.RealServerHealth.State;
import org.junit.jupiter.api.Test;

/** The rise/fall table, every state × input, at the counts on either side of a change. */
class RealServerHealthTest {
    static final int RISE = 2;
    static final int FALL = 3;

    static RealServerHealth h(State s, int passes, int fails) {
        return new RealServerHealth(s, passes, fails);
    }

    @Test
    void everyStateAndInput() {
        // UP × PASS: stays UP, a failure run is forgotten
        assertEquals(h(State.UP, 0, 0), h(State.UP, 0, 0).after(Input.PASS, RISE, FALL));
        assertEquals(h(State.UP, 0, 0), h(State.UP, 0, 2).after(Input.PASS, RISE, FALL));
        // UP × FAIL: counts, and at fall goes DOWN with fresh counts
        assertEquals(h(State.UP, 0, 1), h(State.UP, 0, 0).after(Input.FAIL, RISE, FALL));
        assertEquals(h(State.UP, 0, 2), h(State.UP, 0, 1).after(Input.FAIL, RISE, FALL));
        assertEquals(h(State.DOWN, 0, 0), h(State.UP, 0, 2).after(Input.FAIL, RISE, FALL));
        // DOWN × FAIL: stays DOWN, a pass run is forgotten
        assertEquals(h(State.DOWN, 0, 0), h(State.DOWN, 0, 0).after(Input.FAIL, RISE, FALL));
        assertEquals(h(State.DOWN, 0, 0), h(State.DOWN, 1, 0).after(Input.FAIL, RISE, FALL));
        // DOWN × PASS: counts, and at rise goes UP with fresh counts
        assertEquals(h(State.DOWN, 1, 0), h(State.DOWN, 0, 0).after(Input.PASS, RISE, FALL));
        assertEquals(h(State.UP, 0, 0), h(State.DOWN, 1, 0).after(Input.PASS, RISE, FALL));
    }

    @Test
    void riseAndFallOfOneActOnTheFirstResult() {
        assertEquals(State.DOWN, RealServerHealth.initial().after(Input.FAIL, 1, 1).state());
        assertEquals(State.UP, h(State.DOWN, 0, 0).after(Input.PASS, 1, 1).state());
    }

    @Test
    void everyServerStartsUpAsTheRulesFileLoadedIt() {
        assertEquals(h(State.UP, 0, 0), RealServerHealth.initial());
    }

    @Test
    void countsAreNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> h(State.UP, -1, 0));
    }
}
