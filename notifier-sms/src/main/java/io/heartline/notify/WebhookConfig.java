package io.heartline.notify;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A generic HTTP channel for SMS gateways other than Kannel (and chat webhooks). The URL and
 * the body are templates with {@code ${kind} ${severity} ${node} ${group} ${what} ${cause}
 * ${time} ${text} ${subject} ${body}}; values are URL-encoded in the URL and escaped in the
 * body as {@link BodyFormat} says.
 *
 * @param name         the channel's name
 * @param url          URL template, e.g. {@code https://gw.example/send?to=4917&msg=${text}}
 * @param method       GET, POST, PUT or PATCH
 * @param headers      request headers (sent as they are, e.g. {@code Authorization})
 * @param bodyTemplate body template, or null for no body (required null for GET)
 * @param format       how body values are escaped and the default Content-Type
 * @param maxChars     GSM septets of {@code ${text}}
 * @param timeout      connect and response timeout
 * @param filter       which alerts to send
 * @param policy       queueing, retries and rate limit
 */
public record WebhookConfig(String name, String url, String method, Map<String, String> headers, String bodyTemplate,
                            BodyFormat format, int maxChars, Duration timeout, ChannelFilter filter,
                            DeliveryPolicy policy) implements ChannelSpec {
    /** The placeholders templates may use. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("kind", "severity", "node", "group", "what", "cause", "time", "text", "subject", "body");

    public WebhookConfig {
        ChannelSpec.requireName(name);
        Objects.requireNonNull(url, "url");
        String probe = Template.parse(url, PLACEHOLDERS).render(Map.of(), s -> "x");
        if (!probe.startsWith("http://") && !probe.startsWith("https://")) {
            throw new IllegalArgumentException("webhook " + name + ": url must be http or https: " + url);
        }
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "PATCH").contains(method)) {
            throw new IllegalArgumentException("webhook " + name + ": method must be GET, POST, PUT or PATCH: " + method);
        }
        headers = Map.copyOf(headers);
        if (bodyTemplate != null) {
            if (method.equals("GET")) {
                throw new IllegalArgumentException("webhook " + name + ": a GET request has no body");
            }
            Template.parse(bodyTemplate, PLACEHOLDERS);
        }
        Objects.requireNonNull(format, "format");
        if (maxChars < AlertText.MIN_LENGTH) {
            throw new IllegalArgumentException("webhook " + name + ": max-chars must be at least " + AlertText.MIN_LENGTH);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(policy, "policy");
    }

    /** Header values (tokens) stay out of logs. */
    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", url=" + url + ", method=" + method + ", headers=" + headers.keySet()
                + ", format=" + format + ", maxChars=" + maxChars + ", timeout=" + timeout + ", filter=" + filter
                + ", policy=" + policy + "]";
    }
}
