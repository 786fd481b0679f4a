package io.heartline.notify;

/**
 * A configured channel: what it is ({@link SmsConfig}, {@link WebhookConfig},
 * {@link SmtpConfig}, {@link ScriptConfig}), which alerts it sends and how it delivers them.
 * {@link ChannelFactory} turns one into an {@link AlertChannel}.
 */
public sealed interface ChannelSpec permits SmsConfig, WebhookConfig, SmtpConfig, ScriptConfig {
    /** The channel's name, unique in the configuration. */
    String name();

    ChannelFilter filter();

    DeliveryPolicy policy();

    /** Checks the name every channel config shares. */
    static String requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("channel name must be letters, digits, '-', '_' or '.': " + name);
        }
        return name;
    }
}
