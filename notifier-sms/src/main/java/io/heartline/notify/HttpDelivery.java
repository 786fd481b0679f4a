package io.heartline.notify;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends one HTTP request for an alert channel and says whether a failure is worth retrying. */
final class HttpDelivery {
    /** A gateway's answer. */
    record Answer(int status, String body) {
        /** The body on one line, cut short, for logs and the listener. */
        String shortBody() {
            String b = body.strip().replaceAll("\\s+", " ");
            return b.length() <= 200 ? b : b.substring(0, 197) + "...";
        }
    }

    private HttpDelivery() {
    }

    /** Sends the request; network trouble and timeouts are temporary failures. */
    static Answer send(HttpClient client, HttpRequest request, String what) throws DeliveryException {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body() == null ? "" : r.body());
        } catch (HttpTimeoutException e) {
            throw DeliveryException.temporary(what + ": timed out: " + e.getMessage(), e);
        } catch (IOException e) {
            throw DeliveryException.temporary(what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.temporary(what + ": interrupted", e);
        }
    }

    /** Throws unless 2xx: 408, 425, 429 and 5xx are temporary, other statuses permanent. */
    static void requireSuccess(Answer a, String what) throws DeliveryException {
        int s = a.status();
        if (s >= 200 && s < 300) {
            return;
        }
        String message = what + ": HTTP " + s + (a.shortBody().isEmpty() ? "" : " " + a.shortBody());
        if (s == 408 || s == 425 || s == 429 || s >= 500) {
            throw DeliveryException.temporary(message);
        }
        throw DeliveryException.permanent(message);
    }

    /** Percent-encoding that is right in a query and in a path (space is {@code %20}). */
    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(IOException e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
        }
        String prefix = e instanceof java.net.ConnectException ? "cannot connect" : e.getClass().getSimpleName();
        return message == null ? prefix : prefix + ": " + message;
    }
}
