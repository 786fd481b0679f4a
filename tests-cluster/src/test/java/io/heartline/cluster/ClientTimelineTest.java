package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's failure time and answer changes, from hand-made attempts. */
class ClientTimelineTest {
    static ClientPoller.Attempt ok(long t, String node) {
        return new ClientPoller.Attempt(t, t, 1, node, null);
    }

    static ClientPoller.Attempt err(long t) {
        return new ClientPoller.Attempt(t, t, 100, null, "connect-timeout");
    }

    @Test
    void aRunOfFailuresCountsFromItsFirstAttemptToTheNextAnswer() {
        ClientTimeline c = new ClientTimeline(List.of(ok(0, "a"), ok(10, "a"), err(20), err(130), ok(240, "b"), ok(250, "b")),
                0, 1000);
        assertEquals(220, c.failedMillis());
        assertEquals(220, c.longestFailureMillis());
        assertEquals(1, c.answerChanges());
    }

    @Test
    void severalRunsAddUpAndAnOpenRunEndsWithTheWindow() {
        ClientTimeline c = new ClientTimeline(List.of(ok(0, "a"), err(10), ok(60, "a"), err(100), err(150)), 0, 300);
        assertEquals(50 + 200, c.failedMillis());
        assertEquals(200, c.longestFailureMillis());
        assertEquals(0, c.answerChanges());
    }

    @Test
    void attemptsOutsideTheWindowAreLeftOut() {
        ClientTimeline c = new ClientTimeline(List.of(err(-50), ok(0, "a"), ok(10, "b"), err(100)), 0, 100);
        assertEquals(0, c.failedMillis());
        assertEquals(2, c.attempts());
        assertEquals(1, c.answerChanges());
    }

    @Test
    void answersAfterATimeTellWhetherTheClientWasPulledBack() {
        ClientTimeline c = new ClientTimeline(List.of(ok(0, "a"), err(10), ok(120, "b"), ok(130, "a"), ok(140, "b")), 0, 500);
        assertEquals(1, c.answersFrom("a", 120), "a answered once after b took over: pulled back");
        assertEquals(120, c.firstAnswerFrom("b", 0).epochMillis());
        assertEquals(3, c.answerChanges());
        assertNull(c.firstAnswerFrom("c", 0));
        assertEquals(120, c.firstAnswer(11).epochMillis());
    }
}
