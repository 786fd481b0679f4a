package io.heartline.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through Kannel's HTTP {@code sendsms} interface on smsbox:
 * {@code GET /cgi-bin/sendsms?username=&password=&from=&to=&text=&charset=UTF-8&coding=0}, all
 * recipients in one request ({@code to} separated by spaces, Kannel's multi-cast), the alert's
 * short text in at most {@link SmsConfig#maxChars()} GSM septets.
 *
 * <p>Kannel answers 202 with {@code 0: Accepted for delivery}, {@code 3: Queued for later
 * delivery} or {@code Sent.}; 403 for bad credentials or {@code Not routable. Do not try again.}
 * and 400 for a malformed request (permanent: retrying cannot help); 503 {@code Temporal
 * failure, try again later.} and 500 {@code Sending failed.} (temporary). A refused connection
 * or a timeout (smsbox down) is temporary.
 */
public final class KannelSmsChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger(KannelSmsChannel.class);

    private final SmsConfig config;
    private final HttpClient http;

    public KannelSmsChannel(SmsConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    KannelSmsChannel(SmsConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        String text = AlertText.shortText(alert, config.maxChars());
        HttpRequest request = HttpRequest.newBuilder(requestUri(text)).timeout(config.timeout()).GET().build();
        String what = "kannel " + config.url().getHost() + ":" + config.url().getPort();
        HttpDelivery.Answer answer = HttpDelivery.send(http, request, what);
        HttpDelivery.requireSuccess(answer, what);
        if (answer.body().contains("Denied receivers")) {
            log.warn("sms {}: Kannel refused some recipients: {}", name(), answer.shortBody());
        }
    }

    /** The sendsms URL with every parameter, for this text. */
    URI requestUri(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("username", config.username());
        params.put("password", config.password());
        if (config.from() != null) {
            params.put("from", config.from());
        }
        params.put("to", String.join(" ", config.to()));
        params.put("text", text);
        params.put("charset", "UTF-8");
        params.put("coding", "0");
        if (config.smsc() != null) {
            params.put("smsc", config.smsc());
        }
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + HttpDelivery.urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(config.url() + "?" + query);
    }
}
