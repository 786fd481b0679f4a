package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Email through a real SMTP server: Postfix's smtp-sink. */
@Tag("server")
class SmtpChannelTest {
    private static final Alert ALERT = new Alert(AlertKinds.FENCE_FAILED, Severity.CRITICAL, "node-b", "web",
            "fencing of node-a failed", "fence_ipmilan: Connection timed out", Instant.parse("2026-03-04T21:05:11Z"));

    @TempDir
    Path dir;

    private static SmtpConfig config(int port, StartTls tls) {
        return new SmtpConfig("mail", "127.0.0.1", port, tls, null, null, "heartline@node-b.example",
                List.of("ops@example.org", "oncall@example.org"), Duration.ofSeconds(5), Duration.ofSeconds(10),
                ChannelFilter.ALL, DeliveryPolicy.email());
    }

    @Test
    void theNotifierMailsSubjectBodyAndEveryRecipient() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (SmtpSink sink = new SmtpSink(dir);
             Notifier n = Notifier.builder().node("node-b").clock(Clock.system()).listener(listener)
                     .channel(config(sink.port(), StartTls.OPTIONAL)).build()) {
            n.submit(ALERT);
            Awaitility.await("mail delivered").atMost(Timing.seconds(20))
                    .until(() -> listener.outcomes().stream().anyMatch(DeliveryOutcome::terminal));
            assertEquals(List.of(DeliveryOutcome.DELIVERED), listener.outcomes(),
                    listener.reports() + "\n" + sink.output());
            Awaitility.await("dump file written").atMost(Timing.seconds(10)).until(() -> sink.messages().size() == 1);

            MimeMessage m = sink.messages().get(0);
            assertArrayEquals(new String[] {"<ops@example.org>", "<oncall@example.org>"}, m.getHeader("X-Rcpt-Args"));
            assertArrayEquals(new String[] {"<heartline@node-b.example>"}, m.getHeader("X-Mail-Args"));
            assertEquals("[Heartline] CRITICAL node-b: fencing of node-a failed", m.getSubject());
            assertEquals("heartline@node-b.example", m.getFrom()[0].toString());
            assertEquals("ops@example.org, oncall@example.org", m.getHeader("To", ", "));
            assertEquals(Date.from(ALERT.time()), m.getSentDate());
            assertEquals("fence-failed", m.getHeader("X-Heartline-Kind", null));
            String body = m.getContent().toString();
            assertTrue(body.contains("Kind:     fence-failed"), body);
            assertTrue(body.contains("Group:    web"), body);
            assertTrue(body.contains("Cause:    fence_ipmilan: Connection timed out"), body);
            assertTrue(body.contains("Time:     2026-03-04T21:05:11Z"), body);
        }
    }

    @Test
    void nonAsciiSubjectAndBodySurviveTheTrip() throws Exception {
        Alert a = new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL, "nœud-b", "web", "bascule de web — Überlast",
                "pair nœud-a muet", Instant.parse("2026-03-04T21:05:11Z"));
        try (SmtpSink sink = new SmtpSink(dir)) {
            new SmtpChannel(config(sink.port(), StartTls.OFF)).deliver(a);
            Awaitility.await("dump file written").atMost(Timing.seconds(10)).until(() -> sink.messages().size() == 1);
            MimeMessage m = sink.messages().get(0);
            assertEquals("[Heartline] CRITICAL nœud-b: bascule de web — Überlast", m.getSubject());
            assertTrue(m.getContent().toString().contains("Cause:    pair nœud-a muet"));
        }
    }

    @Test
    void startTlsRequiredFailsWhenTheServerDoesNotOfferIt() throws Exception {
        try (SmtpSink sink = new SmtpSink(dir)) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> new SmtpChannel(config(sink.port(), StartTls.REQUIRED)).deliver(ALERT));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertTrue(sink.messages().isEmpty(), "nothing sent in clear");
        }
    }

    @Test
    void aHardRejectionIsPermanentASoftOneTemporary(@TempDir Path hardDir, @TempDir Path softDir) throws Exception {
        try (SmtpSink hard = new SmtpSink(hardDir, "-f", "RCPT")) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> new SmtpChannel(config(hard.port(), StartTls.OFF)).deliver(ALERT));
            assertFalse(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("5"), e.getMessage());
        }
        try (SmtpSink soft = new SmtpSink(softDir, "-r", "MAIL")) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> new SmtpChannel(config(soft.port(), StartTls.OFF)).deliver(ALERT));
            assertTrue(e.retryable(), e.getMessage());
        }
    }

    @Test
    void nobodyListeningIsTemporary() throws Exception {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> new SmtpChannel(config(ServerProcess.freePort(), StartTls.OPTIONAL)).deliver(ALERT));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("onnect"), e.getMessage());
    }
}
