package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.testkit.Kannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts through a real Kannel (bearerbox + smsbox) to its fake SMSC. */
@Tag("server")
class KannelGatewayTest {
    @TempDir
    static Path dir;
    static KannelLab kannel;

    @BeforeAll
    static void startKannel() throws Exception {
        kannel = new KannelLab(dir);
        try {
            kannel.startBearerboxAndSmsc();
            kannel.startSmsbox();
        } catch (Throwable t) {
            kannel.close();
            throw t;
        }
    }

    @AfterAll
    static void stopKannel() {
        if (kannel != null) {
            kannel.close();
        }
    }

    private static SmsConfig sms(String password, List<String> to) {
        return new SmsConfig("sms", kannel.sendsmsUrl(), KannelLab.USER, password, "Heartline", to, null, 160,
                Duration.ofSeconds(5), ChannelFilter.atLeast(Severity.WARNING), DeliveryPolicy.sms());
    }

    @Test
    void anAlertReachesEveryRecipientThroughKannel() {
        RecordingListener listener = new RecordingListener();
        Alert alert = new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL, "node-b", "web", "takeover of web",
                "owner node-a dead — silent 1010ms", Instant.parse("2026-03-04T21:05:11Z"));
        String expected = "HL node-b: takeover of web (owner node-a dead - silent 1010ms) 21:05:11Z";
        try (Notifier n = Notifier.builder().node("node-b").clock(Clock.system()).listener(listener)
                .channel(sms(KannelLab.PASSWORD, List.of("+4917011111", "+4917022222"))).build()) {
            n.submit(alert);
            Awaitility.await("delivered to kannel").atMost(Timing.seconds(20))
                    .until(() -> listener.count(DeliveryOutcome.DELIVERED) == 1 || listener.count(DeliveryOutcome.REJECTED) > 0);
            assertEquals(List.of(DeliveryOutcome.DELIVERED), listener.outcomes(), kannel.diagnostics());

            Awaitility.await("fakesmsc got both messages").atMost(Timing.seconds(20))
                    .until(() -> kannel.received().stream().filter(r -> r.text().contains("takeover of web")).count() == 2);
            List<Kannel.Sms> got = kannel.received().stream()
                    .filter(r -> r.text().contains("takeover of web")).toList();
            assertEquals(Set.of("+4917011111", "+4917022222"),
                    got.stream().map(Kannel.Sms::to).collect(Collectors.toSet()), kannel.diagnostics());
            for (Kannel.Sms r : got) {
                assertEquals("Heartline", r.from());
                assertEquals(expected, r.text());
            }
            ChannelStatus s = n.status().get(0);
            assertEquals(1, s.delivered());
            assertEquals(DeliveryOutcome.DELIVERED, s.lastOutcome());
        }
    }

    @Test
    void aWrongPasswordIsRejectedByKannelAndNotRetried() {
        KannelSmsChannel channel = new KannelSmsChannel(sms("wrong", List.of("+4917011111")));
        DeliveryException e = assertThrows(DeliveryException.class, () -> channel.deliver(Alerts.takeover(Clock.system())));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("HTTP 403 Authorization failed for sendsms"), e.getMessage());
    }

    @Test
    void theTestAlertGoesOutAndCompletesDelivered() throws Exception {
        try (Notifier n = Notifier.builder().node("node-c").channel(sms(KannelLab.PASSWORD, List.of("+4917033333"))).build()) {
            assertEquals(DeliveryOutcome.DELIVERED, n.test("sms").get(Timing.seconds(20).toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS), kannel.diagnostics());
            Awaitility.await("fakesmsc got the test alert").atMost(Timing.seconds(20))
                    .until(() -> kannel.received().stream().anyMatch(r -> r.to().equals("+4917033333")
                            && r.text().startsWith("HL node-c: test alert (requested by operator) ")));
        }
    }
}
