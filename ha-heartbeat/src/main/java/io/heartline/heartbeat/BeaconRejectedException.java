package io.heartline.heartbeat;

import java.util.Objects;

/**
 * A received frame that is not accepted as a beacon, with the reason and a message for people.
 * Carries no stack trace: rejections are expected input (a flood of junk must stay cheap).
 */
public final class BeaconRejectedException extends Exception {

    /** Why a frame was dropped. Each one has its own counter in {@link MediumStats}. */
    public enum Reason {
        /** Too short, too long, bad magic, or a field out of bounds. */
        MALFORMED,
        /** A Heartline beacon of a wire version this node does not speak. */
        BAD_VERSION,
        /** The HMAC does not match: a different auth key, or a forged or damaged frame. */
        BAD_MAC,
        /** A sequence number already seen, older than the window, or from an older incarnation. */
        REPLAY,
        /** Authentic, but from a node that is not in the configured node set. */
        UNKNOWN_NODE,
        /** Authentic, and claims to come from this node (looped back, or a duplicate node name). */
        SELF
    }

    private final Reason reason;

    public BeaconRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
