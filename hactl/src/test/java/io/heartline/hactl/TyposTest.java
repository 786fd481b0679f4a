package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Typos}: swaps, one-letter slips and nothing for a word too far from every name. */
class TyposTest {
    private static final List<String> OPTIONS = List.of("--json", "--output", "-o", "--socket", "--config", "-c", "--watch");

    @Test
    void aSwapOrASlipFindsTheOption() {
        assertEquals(List.of("--json"), Typos.near("--josn", OPTIONS));
        assertEquals(List.of("--socket"), Typos.near("--sockt", OPTIONS));
        assertEquals(List.of("--watch"), Typos.near("--wacth", OPTIONS));
    }

    @Test
    void aWordFarFromEveryNameFindsNothing() {
        assertEquals(List.of(), Typos.near("--verbose", OPTIONS));
        assertEquals(List.of(), Typos.near("--json", List.of()));
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertEquals(0, Typos.distance("status", "status"));
        assertEquals(1, Typos.distance("stauts", "status"));
        assertEquals(1, Typos.distance("josn", "json"));
        assertEquals(2, Typos.distance("satus", "stats"));
        assertEquals(6, Typos.distance("", "status"));
    }
}
