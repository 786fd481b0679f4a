package io.heartline.notify;

/**
 * An alert did not reach its gateway. Temporary failures (gateway down, timeout, 5xx) are
 * retried with backoff; permanent ones (bad credentials, rejected recipient, 4xx) are not,
 * since trying again would only fail again.
 */
public final class DeliveryException extends Exception {
    private final boolean retryable;

    private DeliveryException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure that may go away: worth retrying. */
    public static DeliveryException temporary(String message) {
        return new DeliveryException(message, null, true);
    }

    /** A failure that may go away: worth retrying. */
    public static DeliveryException temporary(String message, Throwable cause) {
        return new DeliveryException(message, cause, true);
    }

    /** A failure that will not go away by itself: do not retry. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, null, false);
    }

    /** A failure that will not go away by itself: do not retry. */
    public static DeliveryException permanent(String message, Throwable cause) {
        return new DeliveryException(message, cause, false);
    }

    /** True if a later attempt may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
