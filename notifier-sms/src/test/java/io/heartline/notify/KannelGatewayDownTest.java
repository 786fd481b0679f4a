package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** smsbox is down when the alert comes: it is retried with backoff and delivered once smsbox starts. */
@Tag("server")
class KannelGatewayDownTest {
    @TempDir
    Path dir;

    @Test
    void anAlertIsRetriedUntilSmsboxComesUpAndThenDelivered() throws Exception {
        RecordingListener listener = new RecordingListener();
        DeliveryPolicy fast = DeliveryPolicy.sms().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withGiveUp(Duration.ofMinutes(2), 0);
        try (KannelLab kannel = new KannelLab(dir)) {
            kannel.startBearerboxAndSmsc();
            SmsConfig sms = new SmsConfig("sms", kannel.sendsmsUrl(), KannelLab.USER, KannelLab.PASSWORD, "Heartline",
                    List.of("+4917044444"), null, 160, Duration.ofSeconds(5), ChannelFilter.ALL, fast);
            try (Notifier n = Notifier.builder().node("node-b").clock(Clock.system()).listener(listener)
                    .channel(sms).build()) {
                n.submit(Alerts.takeover(Clock.system()));

                Awaitility.await("retried while smsbox is down").atMost(Timing.seconds(15))
                        .until(() -> listener.count(DeliveryOutcome.RETRY) >= 3);
                RecordingListener.Report first = listener.reports().get(0);
                assertEquals(DeliveryOutcome.RETRY, first.outcome());
                assertTrue(first.detail().contains("cannot connect"), first.detail());
                assertTrue(first.detail().endsWith("next attempt in 200ms"), first.detail());
                assertEquals(1, n.status().get(0).inFlight(), "the alert stays in flight between retries");

                kannel.startSmsbox();

                Awaitility.await("delivered once smsbox is up").atMost(Timing.seconds(30))
                        .until(() -> listener.count(DeliveryOutcome.DELIVERED) == 1);
                RecordingListener.Report delivered = listener.reports().get(listener.reports().size() - 1);
                assertEquals(DeliveryOutcome.DELIVERED, delivered.outcome(), kannel.diagnostics());
                assertTrue(delivered.attempt() >= 4, "attempt " + delivered.attempt());
                assertEquals(0, listener.count(DeliveryOutcome.GAVE_UP));
                Awaitility.await("fakesmsc got it").atMost(Timing.seconds(20))
                        .until(() -> kannel.received().stream().anyMatch(r -> r.to().equals("+4917044444")
                                && r.text().startsWith("HL node-b: takeover of web (owner node-a dead, silent 1010ms) ")));
            }
        }
    }
}
