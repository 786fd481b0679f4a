package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The timeline logic of {@link ClientPoller}, fed with lines as {@link PollerMain} prints them. */
class ClientPollerTest {
    private final ClientPoller poller = ClientPoller.detached("10.77.0.10:8080");

    private void line(long epoch, long latency, String outcome) {
        poller.accept((epoch - 1000) + " " + epoch + " " + latency + " " + outcome);
    }

    @Test
    void parsesAnswersErrorsAndIgnoresNoise() {
        poller.accept("# poller /10.77.0.10:8080 every 10 ms, timeout 100 ms, started at epoch 1000");
        line(1000, 1, "OK node-a");
        line(1010, 100, "ERR connect-timeout");
        poller.accept("OpenJDK 64-Bit Server VM warning: something");

        assertEquals(2, poller.attempts().size());
        assertEquals(Optional.of("node-a"), poller.lastAnswer());
        assertEquals("connect-timeout", poller.lastAttempt().orElseThrow().error());
        assertEquals(1, poller.unparsedLines().size());
        assertEquals(Optional.empty(), ClientPoller.parse("12 34 5 MAYBE node-a"));
    }

    @Test
    void outageRunsFromTheLastAnswerToTheNewNodesFirst() {
        line(1000, 1, "OK node-a");
        line(1010, 1, "OK node-a");
        line(1020, 100, "ERR connect-timeout"); // fault at 1015
        line(1120, 100, "ERR connect-timeout");
        line(1220, 2, "OK node-b");
        line(1230, 1, "OK node-b");

        ClientPoller.Outage outage = poller.outageAround(1015, "node-b");
        assertEquals(1220, outage.firstAnswer().epochMillis());
        assertEquals(1010, outage.lastAnswerBefore().epochMillis());
        assertEquals(2, outage.failedAttempts());
        assertEquals(Duration.ofMillis(1222 - 1015), outage.sinceFault());
        assertEquals(Duration.ofMillis(1222 - 1011), outage.dark());
        assertEquals(outage.firstAnswer(), poller.outageAround(1015).firstAnswer());
        assertEquals(2, poller.answersSince(1200).size());
        assertTrue(poller.summarySince(0).startsWith("node-a x2 from 1000, ERR connect-timeout x2 from 1020, node-b x2"),
                poller.summarySince(0));
    }

    @Test
    void answersFromTheOldNodeAfterTheFaultDoNotEndTheOutage() {
        line(1000, 1, "OK node-a");
        line(1010, 1, "OK node-a"); // fault at 1005; node-a still answers once
        line(1020, 1, "OK node-b");

        ClientPoller.Outage outage = poller.outageAround(1005, "node-b");
        assertEquals(1010, outage.lastAnswerBefore().epochMillis());
        assertEquals(0, outage.failedAttempts());
        assertEquals(Duration.ofMillis(10), outage.dark());
        // Without a node named and without a failure, the first answer after the fault ends it.
        assertEquals("node-a", poller.outageAround(1005).node());
    }

    @Test
    void noAnswerFromTheNodeIsAnAssertionError() {
        line(1000, 1, "OK node-a");
        line(1010, 100, "ERR refused");
        assertThrows(AssertionError.class, () -> poller.outageAround(1005, "node-b"));
        assertThrows(AssertionError.class, () -> poller.outageAround(1005));
        assertNull(ClientPoller.parse("1 2 3 ERR refused").orElseThrow().answer());
    }
}
