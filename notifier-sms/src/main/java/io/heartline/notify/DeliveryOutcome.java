package io.heartline.notify;

/** What became of one alert on one channel, as reported to the {@link DeliveryListener}. */
public enum DeliveryOutcome {
    /** The gateway accepted it. */
    DELIVERED(true),
    /** A temporary failure; another attempt is scheduled after a backoff. */
    RETRY(false),
    /** A permanent failure; not retried. */
    REJECTED(true),
    /** Temporary failures until the give-up limit (time or attempts): abandoned. */
    GAVE_UP(true),
    /** Over the channel's rate limit: counted into the summary sent at the end of the window. */
    HELD(true),
    /** The channel's queue was full: the oldest queued alert was dropped for a newer one. */
    DROPPED(true);

    private final boolean terminal;

    DeliveryOutcome(boolean terminal) {
        this.terminal = terminal;
    }

    /** True if nothing more will happen to this alert on this channel. */
    public boolean terminal() {
        return terminal;
    }
}
