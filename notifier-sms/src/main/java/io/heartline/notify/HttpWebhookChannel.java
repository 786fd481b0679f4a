package io.heartline.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Alerts as HTTP requests to any gateway: the URL and body are {@link WebhookConfig}
 * templates; values are URL-encoded in the URL and escaped for the body's {@link BodyFormat}.
 * 2xx is success; 408, 425, 429, 5xx, timeouts and refused connections are temporary
 * failures; other statuses are permanent.
 */
public final class HttpWebhookChannel implements AlertChannel {
    private final WebhookConfig config;
    private final Template url;
    private final Template body;
    private final HttpClient http;

    public HttpWebhookChannel(WebhookConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    HttpWebhookChannel(WebhookConfig config, HttpClient http) {
        this.config = config;
        this.url = Template.parse(config.url(), WebhookConfig.PLACEHOLDERS);
        this.body = config.bodyTemplate() == null ? null : Template.parse(config.bodyTemplate(), WebhookConfig.PLACEHOLDERS);
        this.http = http;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        HttpRequest request = request(alert);
        String what = "webhook " + request.uri().getHost();
        HttpDelivery.requireSuccess(HttpDelivery.send(http, request, what), what);
    }

    /** The request this alert becomes. */
    HttpRequest request(Alert alert) throws DeliveryException {
        Map<String, String> values = AlertText.fields(alert, config.maxChars());
        URI uri;
        try {
            uri = URI.create(url.render(values, HttpDelivery::urlEncode));
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("webhook url does not parse: " + e.getMessage(), e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.timeout());
        config.headers().forEach(b::header);
        if (body == null) {
            b.method(config.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            if (config.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                b.header("Content-Type", config.format().contentType());
            }
            String text = body.render(values, escaper(config.format()));
            b.method(config.method(), HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static UnaryOperator<String> escaper(BodyFormat format) {
        return switch (format) {
            case JSON -> Template::jsonEscape;
            case FORM -> HttpDelivery::urlEncode;
            case TEXT -> UnaryOperator.identity();
        };
    }
}
