package io.heartline.notify;

import java.time.Instant;

/** A channel's counters and last result, for {@link ChannelStatus}. Guarded by its worker's lock. */
final class ChannelStats {
    private long delivered;
    private long rejected;
    private long gaveUp;
    private long dropped;
    private long held;
    private long attempts;
    private Instant lastAttemptTime;
    private DeliveryOutcome lastOutcome;
    private String lastDetail;
    private Instant lastDelivered;

    void attempted() {
        attempts++;
    }

    void dropped() {
        dropped++;
    }

    void held() {
        held++;
    }

    /** Records how an attempt ended, at wall time {@code now}. */
    void result(DeliveryOutcome outcome, String detail, Instant now) {
        lastAttemptTime = now;
        lastOutcome = outcome;
        lastDetail = detail;
        switch (outcome) {
            case DELIVERED -> {
                delivered++;
                lastDelivered = now;
            }
            case REJECTED -> rejected++;
            case GAVE_UP -> gaveUp++;
            default -> {
            }
        }
    }

    ChannelStatus snapshot(String name, int queued, int inFlight, int retriesPending, int heldNow) {
        return new ChannelStatus(name, queued, inFlight, retriesPending, heldNow, delivered, rejected, gaveUp, dropped,
                held, attempts, lastAttemptTime, lastOutcome, lastDetail, lastDelivered);
    }
}
