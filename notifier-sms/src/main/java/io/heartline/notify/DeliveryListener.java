package io.heartline.notify;

/**
 * Told about every delivery attempt and its result, so the daemon can journal and count them.
 * Called on the channel's worker thread: keep it short and do not block.
 */
@FunctionalInterface
public interface DeliveryListener {
    /** A listener that ignores everything. */
    DeliveryListener NONE = (channel, alert, attempt, outcome, detail) -> { };

    /**
     * @param channel the channel's name
     * @param alert   the alert (a {@link AlertKinds#SUMMARY} alert for a rate-limit summary)
     * @param attempt 1 for the first attempt; 0 for {@link DeliveryOutcome#HELD} and
     *                {@link DeliveryOutcome#DROPPED}, which were never attempted
     * @param outcome what happened
     * @param detail  the gateway's answer or the error, for people
     */
    void onAttempt(String channel, Alert alert, int attempt, DeliveryOutcome outcome, String detail);
}
