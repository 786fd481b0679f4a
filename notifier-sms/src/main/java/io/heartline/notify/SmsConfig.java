package io.heartline.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An SMS channel through Kannel's HTTP {@code sendsms} interface (smsbox's {@code sendsms-port}).
 *
 * @param name     the channel's name
 * @param url      the sendsms URL, e.g. {@code http://127.0.0.1:13013/cgi-bin/sendsms}
 * @param username a {@code sendsms-user}'s username
 * @param password its password
 * @param from     sender number or name, or null for Kannel's default/global sender
 * @param to       recipients' numbers (digits, optionally a leading {@code +})
 * @param smsc     the {@code smsc-id} to route through, or null for Kannel's routing
 * @param maxChars GSM septets per message: 160 for one plain SMS
 * @param timeout  connect and response timeout
 * @param filter   which alerts to send
 * @param policy   queueing, retries and rate limit ({@link DeliveryPolicy#sms()} suits)
 */
public record SmsConfig(String name, URI url, String username, String password, String from, List<String> to,
                        String smsc, int maxChars, Duration timeout, ChannelFilter filter, DeliveryPolicy policy)
        implements ChannelSpec {

    public SmsConfig {
        ChannelSpec.requireName(name);
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("sms " + name + ": url must be http or https: " + url);
        }
        if (url.getRawQuery() != null) {
            throw new IllegalArgumentException("sms " + name + ": url must have no query, parameters are added: " + url);
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("sms " + name + ": no recipients");
        }
        for (String number : to) {
            if (!number.matches("\\+?[0-9][0-9-]*")) {
                throw new IllegalArgumentException("sms " + name + ": not a phone number: '" + number + "'");
            }
        }
        if (maxChars < AlertText.MIN_LENGTH) {
            throw new IllegalArgumentException("sms " + name + ": max-chars must be at least " + AlertText.MIN_LENGTH);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(policy, "policy");
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "SmsConfig[name=" + name + ", url=" + url + ", username=" + username + ", password=***, from=" + from
                + ", to=" + to + ", smsc=" + smsc + ", maxChars=" + maxChars + ", timeout=" + timeout
                + ", filter=" + filter + ", policy=" + policy + "]";
    }
}
