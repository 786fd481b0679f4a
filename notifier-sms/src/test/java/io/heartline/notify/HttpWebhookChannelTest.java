package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server on 127.0.0.1. */
class HttpWebhookChannelTest {
    private static final Alert ALERT = new Alert(AlertKinds.TAKEOVER, Severity.CRITICAL, "node-b", "web",
            "takeover of web", "owner \"node-a\" dead & silent", Instant.parse("2026-03-04T21:05:11Z"));

    private final LocalHttpServer server;

    HttpWebhookChannelTest() throws Exception {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpWebhookChannel channel(String url, String method, String body, BodyFormat format,
                                       Map<String, String> headers) {
        return new HttpWebhookChannel(new WebhookConfig("hook", url, method, headers, body, format, 160,
                Duration.ofSeconds(5), ChannelFilter.ALL, DeliveryPolicy.sms()));
    }

    @Test
    void postsAJsonBodyWithEscapedValuesAndTheHeaders() throws Exception {
        channel(server.url("/api/sms"), "POST", "{\"to\":\"+4917012345\",\"text\":\"${text}\",\"group\":\"${group}\"}",
                BodyFormat.JSON, Map.of("Authorization", "Bearer t0ken")).deliver(ALERT);

        LocalHttpServer.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/api/sms", r.rawUri());
        assertEquals("Bearer t0ken", r.header("Authorization"));
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"to\":\"+4917012345\",\"text\":\"HL node-b: takeover of web (owner \\\"node-a\\\" dead & silent)"
                + " 21:05:11Z\",\"group\":\"web\"}", r.body());
    }

    @Test
    void getPutsUrlEncodedValuesInTheUrl() throws Exception {
        channel(server.url("/send?to=4917012345&msg=${text}&kind=${kind}"), "GET", null, BodyFormat.TEXT, Map.of())
                .deliver(ALERT);

        LocalHttpServer.Request r = server.requests().get(0);
        assertEquals("GET", r.method());
        assertEquals("/send?to=4917012345&msg=HL%20node-b%3A%20takeover%20of%20web%20%28owner%20%22node-a%22%20dead"
                + "%20%26%20silent%29%2021%3A05%3A11Z&kind=takeover", r.rawUri());
        assertEquals("", r.body());
    }

    @Test
    void formBodyIsUrlEncodedAndAContentTypeHeaderWins() throws Exception {
        channel(server.url("/f"), "PUT", "node=${node}&cause=${cause}", BodyFormat.FORM,
                Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8")).deliver(ALERT);
        LocalHttpServer.Request r = server.requests().get(0);
        assertEquals("PUT", r.method());
        assertEquals("node=node-b&cause=owner%20%22node-a%22%20dead%20%26%20silent", r.body());
        assertEquals("application/x-www-form-urlencoded; charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void serverErrorsAndThrottlingAreTemporaryClientErrorsPermanent() {
        HttpWebhookChannel c = channel(server.url("/x"), "POST", "${text}", BodyFormat.TEXT, Map.of());
        server.answer(503, "try later");
        DeliveryException e = assertThrows(DeliveryException.class, () -> c.deliver(ALERT));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().endsWith("HTTP 503 try later"), e.getMessage());
        server.answer(429, "slow down");
        assertTrue(assertThrows(DeliveryException.class, () -> c.deliver(ALERT)).retryable());
        server.answer(401, "bad token");
        DeliveryException permanent = assertThrows(DeliveryException.class, () -> c.deliver(ALERT));
        assertFalse(permanent.retryable());
        assertTrue(permanent.getMessage().contains("HTTP 401 bad token"), permanent.getMessage());
        server.answer(204, "");
        assertDoesNotThrow(() -> c.deliver(ALERT));
        assertEquals(4, server.requests().size());
    }

    @Test
    void nobodyListeningIsTemporary() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpWebhookChannel c = channel("http://127.0.0.1:" + port + "/x", "GET", null, BodyFormat.TEXT, Map.of());
        DeliveryException e = assertThrows(DeliveryException.class, () -> c.deliver(ALERT));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }
}
