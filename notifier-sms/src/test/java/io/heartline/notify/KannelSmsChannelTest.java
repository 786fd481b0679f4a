package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sendsms request and how Kannel's answers are read (the real Kannel is in KannelGatewayTest). */
class KannelSmsChannelTest {
    @Test
    void requestCarriesEveryParameterUrlEncoded() {
        SmsConfig c = new SmsConfig("sms", URI.create("http://10.0.0.5:13013/cgi-bin/sendsms"), "heart line", "p&w",
                "Heartline", List.of("+4917012345", "+4917099999"), "smsc-a", 160, Duration.ofSeconds(5),
                ChannelFilter.ALL, DeliveryPolicy.sms());
        URI uri = new KannelSmsChannel(c).requestUri("HL node-b: takeover of web 21:05:11Z");
        assertEquals("http://10.0.0.5:13013/cgi-bin/sendsms?username=heart%20line&password=p%26w&from=Heartline"
                + "&to=%2B4917012345%20%2B4917099999&text=HL%20node-b%3A%20takeover%20of%20web%2021%3A05%3A11Z"
                + "&charset=UTF-8&coding=0&smsc=smsc-a", uri.toString());
    }

    @Test
    void kannelAnswersAreClassified() throws Exception {
        try (LocalHttpServer fake = new LocalHttpServer()) {
            SmsConfig c = new SmsConfig("sms", URI.create(fake.url("/cgi-bin/sendsms")), "u", "p", null,
                    List.of("+4917012345"), null, 160, Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms());
            KannelSmsChannel ch = new KannelSmsChannel(c);
            Alert a = Alerts.takeover(io.heartline.core.Clock.system());

            fake.answer(202, "0: Accepted for delivery");
            ch.deliver(a);
            fake.answer(202, "3: Queued for later delivery");
            ch.deliver(a);
            fake.answer(503, "Temporal failure, try again later.");
            assertTrue(assertThrows(DeliveryException.class, () -> ch.deliver(a)).retryable());
            fake.answer(500, "Sending failed.");
            assertTrue(assertThrows(DeliveryException.class, () -> ch.deliver(a)).retryable());
            fake.answer(403, "Not routable. Do not try again.");
            DeliveryException notRoutable = assertThrows(DeliveryException.class, () -> ch.deliver(a));
            assertFalse(notRoutable.retryable());
            assertTrue(notRoutable.getMessage().endsWith("HTTP 403 Not routable. Do not try again."),
                    notRoutable.getMessage());
            fake.answer(400, "Missing receiver number, rejected");
            assertFalse(assertThrows(DeliveryException.class, () -> ch.deliver(a)).retryable());
            assertFalse(fake.requests().get(0).rawUri().contains("from="), "no from: Kannel's global sender");
        }
    }
}
