package io.heartline.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A local notify script, like keepalived's {@code notify_master}: run as
 * {@code script KIND NODE GROUP} with the alert in {@code HEARTLINE_*} environment variables.
 *
 * @param name     the channel's name
 * @param script   absolute path of an executable
 * @param timeout  the script and everything it started are killed after this
 * @param maxChars GSM septets of {@code HEARTLINE_TEXT}
 * @param filter   which alerts to run it for
 * @param policy   queueing, retries and rate limit (a non-zero exit is a temporary failure)
 */
public record ScriptConfig(String name, Path script, Duration timeout, int maxChars, ChannelFilter filter,
                           DeliveryPolicy policy) implements ChannelSpec {

    public ScriptConfig {
        ChannelSpec.requireName(name);
        Objects.requireNonNull(script, "script");
        if (!script.isAbsolute()) {
            throw new IllegalArgumentException("script " + name + ": path must be absolute: " + script);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("script " + name + ": timeout must be positive: " + timeout);
        }
        if (maxChars < AlertText.MIN_LENGTH) {
            throw new IllegalArgumentException("script " + name + ": max-chars must be at least " + AlertText.MIN_LENGTH);
        }
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(policy, "policy");
    }
}
