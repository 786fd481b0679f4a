package io.heartline.heartbeat;

import java.util.List;

/**
 * Receives what a {@link HeartbeatMedium} accepts and rejects. Called from the medium's receive
 * threads, one call at a time per medium: implementations hand the event to the event loop and
 * return at once; they must not block.
 */
public interface BeaconListener {

    /** An authentic, fresh beacon from a known peer. */
    void onBeacon(String medium, Beacon beacon);

    /** A frame that was dropped, and why ({@code detail} is for people). */
    void onRejected(String medium, BeaconRejectedException.Reason reason, String detail);


    /**
     * The medium's own link went up or down: a serial port was opened, or failed and is being
     * reopened ({@code detail} says which device, or what failed). Media without a link of their
     * own (JGroups) never call it. Informational, for status and the journal: a link that is up
     * says nothing about the peer, whose beacons alone count.
     */
    default void onLinkState(String medium, boolean up, String detail) {
    }
}
