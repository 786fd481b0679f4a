package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.control.StatusText;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's training run must succeed on its canned answer, or the archive would miss the status path. */
class CdsTrainingTest {
    @Test
    void theTrainingRunsStatusAgainstItsCannedAnswer() throws Exception {
        assertEquals(0, CdsTraining.run());
    }

    @Test
    void theCannedAnswerIsAStatusTheRendererAccepts() throws Exception {
        try (var in = CdsTraining.class.getResourceAsStream("cds-training-status.json")) {
            Map<String, Object> answer = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(in);
            assertEquals(true, answer.get("ok"));
            @SuppressWarnings("unchecked")
            String text = StatusText.render((Map<String, Object>) answer.get("result"));
            assertTrue(text.contains("node-a"), text);
        }
    }
}
