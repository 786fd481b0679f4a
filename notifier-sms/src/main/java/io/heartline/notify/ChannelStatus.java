package io.heartline.notify;

import java.time.Instant;

/**
 * One channel's state for {@code hactl status}: a snapshot, consistent in itself.
 *
 * @param name            the channel's name
 * @param queued          alerts waiting (a pending summary included), not counting the one in flight
 * @param inFlight        1 while an alert is being delivered or waits for its retry, else 0
 * @param retriesPending  1 while an alert waits for its next attempt, else 0
 * @param heldNow         alerts held by the rate limit in the current window
 * @param delivered       alerts delivered since start (summaries included)
 * @param rejected        alerts failed permanently
 * @param gaveUp          alerts abandoned after the give-up limit
 * @param dropped         alerts dropped because the queue was full
 * @param held            alerts held by the rate limit since start (each counted in a summary)
 * @param attempts        delivery attempts since start
 * @param lastAttemptTime wall time of the last attempt, or null if none
 * @param lastOutcome     result of the last attempt, or null if none
 * @param lastDetail      the gateway's answer or the error of the last attempt, or null
 * @param lastDelivered   wall time of the last successful delivery, or null if none
 */
public record ChannelStatus(String name, int queued, int inFlight, int retriesPending, int heldNow, long delivered,
                            long rejected, long gaveUp, long dropped, long held, long attempts,
                            Instant lastAttemptTime, DeliveryOutcome lastOutcome, String lastDetail,
                            Instant lastDelivered) {
}
