package io.heartline.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An email channel through an SMTP server.
 *
 * @param name           the channel's name
 * @param host           SMTP server
 * @param port           SMTP port (25, 587)
 * @param startTls       STARTTLS required, optional or off; with a password, required or
 *                       (explicitly) off, never optional: a server or a man in the middle that
 *                       drops the STARTTLS offer would otherwise get the password in clear
 * @param username       user for SMTP AUTH, or null for none
 * @param password       its password (null when no username)
 * @param from           sender address
 * @param to             recipient addresses
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    timeout of each read and write
 * @param filter         which alerts to send
 * @param policy         queueing, retries and rate limit ({@link DeliveryPolicy#email()} suits)
 */
public record SmtpConfig(String name, String host, int port, StartTls startTls, String username, String password,
                         String from, List<String> to, Duration connectTimeout, Duration readTimeout,
                         ChannelFilter filter, DeliveryPolicy policy) implements ChannelSpec {

    public SmtpConfig {
        ChannelSpec.requireName(name);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("smtp " + name + ": no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp " + name + ": bad port " + port);
        }
        Objects.requireNonNull(startTls, "startTls");
        if (username != null && password == null) {
            throw new IllegalArgumentException("smtp " + name + ": username without password");
        }
        if (password != null && startTls == StartTls.OPTIONAL) {
            throw new IllegalArgumentException("smtp " + name + ": a password needs STARTTLS required"
                    + " (or STARTTLS off, to send it in clear on purpose), not optional");
        }
        address(name, from);
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("smtp " + name + ": no recipients");
        }
        to.forEach(a -> address(name, a));
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(policy, "policy");
    }

    static InternetAddress address(String channel, String address) {
        try {
            InternetAddress a = new InternetAddress(Objects.requireNonNull(address, "address"), true);
            a.validate();
            return a;
        } catch (AddressException e) {
            throw new IllegalArgumentException("smtp " + channel + ": bad address '" + address + "': " + e.getMessage(), e);
        }
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "SmtpConfig[name=" + name + ", host=" + host + ", port=" + port + ", startTls=" + startTls
                + ", username=" + username + ", password=" + (password == null ? null : "***") + ", from=" + from
                + ", to=" + to + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", filter=" + filter + ", policy=" + policy + "]";
    }
}
