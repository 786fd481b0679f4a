package io.heartline.notify;

/**
 * One way of telling people: an SMS gateway, a webhook, an SMTP server, a script.
 * {@link #deliver} is called from the channel's own worker thread, one alert at a time, and
 * may block (each implementation bounds its own I/O with timeouts); the {@link Notifier}
 * takes care of queueing, retries and rate limits.
 */
public interface AlertChannel {
    /** The channel's configured name, unique in a notifier (e.g. {@code sms}). */
    String name();

    /**
     * Hands the alert over to the channel's gateway or server.
     *
     * @throws DeliveryException if it did not go through; {@link DeliveryException#retryable()}
     *                           says whether trying again later may help
     */
    void deliver(Alert alert) throws DeliveryException;
}
