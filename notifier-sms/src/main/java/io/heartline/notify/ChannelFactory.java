package io.heartline.notify;

/** Makes the {@link AlertChannel} a {@link ChannelSpec} describes. */
public final class ChannelFactory {
    private ChannelFactory() {
    }

    public static AlertChannel create(ChannelSpec spec) {
        if (spec instanceof SmsConfig sms) {
            return new KannelSmsChannel(sms);
        }
        if (spec instanceof WebhookConfig hook) {
            return new HttpWebhookChannel(hook);
        }
        if (spec instanceof SmtpConfig smtp) {
            return new SmtpChannel(smtp);
        }
        if (spec instanceof ScriptConfig script) {
            return new ScriptChannel(script);
        }
        throw new IllegalArgumentException("unknown channel spec " + spec.getClass().getName());
    }
}
