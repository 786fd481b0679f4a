package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The channel config records check themselves and keep secrets out of toString. */
class ConfigTest {
    static SmsConfig sms(List<String> to) {
        return new SmsConfig("sms", URI.create("http://127.0.0.1:13013/cgi-bin/sendsms"), "heartline", "s3cret",
                "Heartline", to, null, 160, Duration.ofSeconds(10), ChannelFilter.ALL, DeliveryPolicy.sms());
    }

    static SmtpConfig smtp(String host, int port, StartTls tls, String user, String password) {
        return new SmtpConfig("mail", host, port, tls, user, password, "heartline@node-b.example",
                List.of("ops@example.org", "oncall@example.org"), Duration.ofSeconds(5), Duration.ofSeconds(10),
                ChannelFilter.ALL, DeliveryPolicy.email());
    }

    @Test
    void smsChecksNumbersAndHidesThePassword() {
        SmsConfig ok = sms(List.of("+4917012345", "0170-555"));
        assertFalse(ok.toString().contains("s3cret"), ok.toString());
        assertThrows(IllegalArgumentException.class, () -> sms(List.of()));
        assertThrows(IllegalArgumentException.class, () -> sms(List.of("+49 170")));
        assertThrows(IllegalArgumentException.class, () -> sms(List.of("ops")));
        assertThrows(IllegalArgumentException.class, () -> new SmsConfig("sms", URI.create("ftp://x/"), "u", "p", null,
                List.of("1"), null, 160, Duration.ofSeconds(1), ChannelFilter.ALL, DeliveryPolicy.sms()));
        assertThrows(IllegalArgumentException.class, () -> new SmsConfig("bad name", URI.create("http://x/"), "u",
                "p", null, List.of("1"), null, 160, Duration.ofSeconds(1), ChannelFilter.ALL, DeliveryPolicy.sms()));
    }

    @Test
    void webhookChecksTemplatesAndMethod() {
        WebhookConfig ok = new WebhookConfig("hook", "https://gw.example/send?to=49170&msg=${text}", "post",
                Map.of("Authorization", "Bearer t0ken"), "{\"text\":\"${text}\"}", BodyFormat.JSON, 160,
                Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms());
        assertEquals("POST", ok.method());
        assertFalse(ok.toString().contains("t0ken"), ok.toString());
        assertThrows(IllegalArgumentException.class, () -> new WebhookConfig("hook", "https://gw/${txt}", "GET",
                Map.of(), null, BodyFormat.TEXT, 160, Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms()));
        assertThrows(IllegalArgumentException.class, () -> new WebhookConfig("hook", "https://gw/", "GET",
                Map.of(), "${text}", BodyFormat.TEXT, 160, Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms()));
        assertThrows(IllegalArgumentException.class, () -> new WebhookConfig("hook", "${text}", "GET",
                Map.of(), null, BodyFormat.TEXT, 160, Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms()));
        assertThrows(IllegalArgumentException.class, () -> new WebhookConfig("hook", "https://gw/", "DELETE",
                Map.of(), null, BodyFormat.TEXT, 160, Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms()));
    }

    @Test
    void smtpChecksAddressesAndHidesThePassword() {
        SmtpConfig ok = smtp("mail.example", 587, StartTls.REQUIRED, "alerts", "pw-secret");
        assertFalse(ok.toString().contains("pw-secret"), ok.toString());
        assertThrows(IllegalArgumentException.class, () -> new SmtpConfig("mail", "h", 25, StartTls.OFF, null, null,
                "not an address", List.of("ops@example.org"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                ChannelFilter.ALL, DeliveryPolicy.email()));
        assertThrows(IllegalArgumentException.class, () -> smtp("h", 0, StartTls.OFF, null, null));
        assertThrows(IllegalArgumentException.class, () -> smtp("h", 25, StartTls.OFF, "user", null));
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class,
                () -> smtp("h", 25, StartTls.OPTIONAL, "user", "pw"));
        org.junit.jupiter.api.Assertions.assertTrue(clear.getMessage().contains("STARTTLS required"), clear.getMessage());
        assertEquals(StartTls.OFF, smtp("h", 25, StartTls.OFF, "user", "pw").startTls());
    }

    @Test
    void smtpSessionPropertiesFollowTheConfig() {
        Properties required = SmtpChannel.properties(smtp("mail.example", 587, StartTls.REQUIRED, "alerts", "pw"));
        assertEquals("true", required.get("mail.smtp.starttls.enable"));
        assertEquals("true", required.get("mail.smtp.starttls.required"));
        assertEquals("true", required.get("mail.smtp.auth"));
        assertEquals("5000", required.get("mail.smtp.connectiontimeout"));
        assertEquals("10000", required.get("mail.smtp.timeout"));
        assertEquals("10000", required.get("mail.smtp.writetimeout"));
        Properties optional = SmtpChannel.properties(smtp("mail.example", 25, StartTls.OPTIONAL, null, null));
        assertEquals("true", optional.get("mail.smtp.starttls.enable"));
        assertEquals("false", optional.get("mail.smtp.starttls.required"));
        assertEquals("false", optional.get("mail.smtp.auth"));
        Properties off = SmtpChannel.properties(smtp("mail.example", 25, StartTls.OFF, null, null));
        assertEquals("false", off.get("mail.smtp.starttls.enable"));
    }

    @Test
    void scriptNeedsAnAbsolutePath() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptConfig("notify", Path.of("notify.sh"),
                Duration.ofSeconds(5), 160, ChannelFilter.ALL, DeliveryPolicy.defaults()));
    }

    @Test
    void factoryMakesTheChannelEachSpecDescribes() {
        assertInstanceOf(KannelSmsChannel.class, ChannelFactory.create(sms(List.of("+4917012345"))));
        assertInstanceOf(SmtpChannel.class, ChannelFactory.create(smtp("h", 25, StartTls.OFF, null, null)));
        assertInstanceOf(ScriptChannel.class, ChannelFactory.create(new ScriptConfig("notify",
                Path.of("/etc/heartline/notify.sh"), Duration.ofSeconds(5), 160, ChannelFilter.ALL,
                DeliveryPolicy.defaults())));
        AlertChannel hook = ChannelFactory.create(new WebhookConfig("hook", "https://gw/", "GET", Map.of(), null,
                BodyFormat.TEXT, 160, Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms()));
        assertInstanceOf(HttpWebhookChannel.class, hook);
        assertEquals("hook", hook.name());
        try (Notifier n = Notifier.builder().node("node-b").channel(sms(List.of("+4917012345"))).build()) {
            assertEquals(List.of("sms"), n.channelNames());
        }
    }
}
