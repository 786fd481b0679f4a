package io.heartline.notify;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Email through an SMTP server with Jakarta Mail (Angus): the alert's {@link AlertText#subject}
 * and {@link AlertText#body}, one message to every recipient, with connect, read and write
 * timeouts. A 5xx answer or failed authentication is permanent; 4xx, network trouble and
 * timeouts are temporary. When some recipients were refused and others took the message, the
 * failure is permanent (a retry would send it twice).
 */
public final class SmtpChannel implements AlertChannel {
    private final SmtpConfig config;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    public SmtpChannel(SmtpConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
        this.from = SmtpConfig.address(config.name(), config.from());
        this.to = config.to().stream().map(a -> SmtpConfig.address(config.name(), a)).toArray(InternetAddress[]::new);
    }

    /** The Jakarta Mail session properties for this configuration. */
    static Properties properties(SmtpConfig c) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", c.host());
        p.put("mail.smtp.port", String.valueOf(c.port()));
        p.put("mail.smtp.connectiontimeout", String.valueOf(c.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(c.readTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(c.readTimeout().toMillis()));
        p.put("mail.smtp.starttls.enable", String.valueOf(c.startTls() != StartTls.OFF));
        p.put("mail.smtp.starttls.required", String.valueOf(c.startTls() == StartTls.REQUIRED));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.auth", String.valueOf(c.username() != null));
        p.put("mail.smtp.from", c.from());
        p.put("mail.smtp.sendpartial", "true");
        return p;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        MimeMessage message = message(alert);
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(config.host(), config.port(), config.username(), config.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw classify(e);
        } finally {
            closeQuietly(transport);
        }
    }

    /** After the message was accepted, a failed QUIT must not make it a failure (and a duplicate). */
    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            // the server has the message or never got it; either way there is nothing to do
        }
    }

    MimeMessage message(Alert alert) throws DeliveryException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to);
            m.setSubject(AlertText.subject(alert), StandardCharsets.UTF_8.name());
            m.setText(AlertText.body(alert), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(alert.time()));
            m.setHeader("X-Heartline-Kind", alert.kind());
            m.setHeader("X-Heartline-Severity", alert.severity().name());
            m.setHeader("X-Heartline-Node", alert.node());
            return m;
        } catch (MessagingException e) {
            throw DeliveryException.permanent("smtp: cannot build the message: " + e.getMessage(), e);
        }
    }

    /** Permanent for 5xx and refused authentication, temporary otherwise. */
    static DeliveryException classify(MessagingException e) {
        String what = "smtp: " + summary(e);
        if (e instanceof AuthenticationFailedException) {
            return DeliveryException.permanent(what, e);
        }
        if (e instanceof SendFailedException sf && sf.getValidSentAddresses() != null
                && sf.getValidSentAddresses().length > 0) {
            return DeliveryException.permanent("smtp: sent to " + list(sf.getValidSentAddresses()) + " but refused for "
                    + list(sf.getInvalidAddresses()) + list(sf.getValidUnsentAddresses()) + ": " + summary(e), e);
        }
        int code = replyCode(e);
        if (code >= 500) {
            return DeliveryException.permanent(what, e);
        }
        return DeliveryException.temporary(what, e);
    }

    /** The SMTP reply code in the exception or the ones it wraps, or -1. */
    private static int replyCode(Exception e) {
        int worst = -1;
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = -1;
            if (x instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
            } else if (x instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
            } else if (x instanceof SMTPSenderFailedException f) {
                code = f.getReturnCode();
            }
            worst = Math.max(worst, code);
        }
        return worst;
    }

    private static String summary(Exception e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()).strip());
        Exception next = e instanceof MessagingException m ? m.getNextException() : null;
        if (next != null && next.getMessage() != null && !s.toString().contains(next.getMessage().strip())) {
            s.append(" (").append(next.getMessage().strip()).append(')');
        }
        return s.toString().replaceAll("\\s+", " ");
    }

    private static String list(Address[] addresses) {
        return addresses == null ? "" : Arrays.toString(addresses);
    }
}
