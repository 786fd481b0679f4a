package io.heartline.daemon.media;

import io.heartline.core.HeartbeatThreads;
import io.heartline.daemon.loop.Inbox;
import io.heartline.heartbeat.Beacon;
import io.heartline.heartbeat.BeaconListener;
import io.heartline.heartbeat.BeaconRejectedException;
import io.heartline.membership.Event;

/**
 * Hands what the media accept to the event loop: beacons into the inbox's coalescing lane (newest
 * per peer and medium wins), a medium's own link state as an event. Rejected frames are counted
 * and logged by the media themselves, once each; JGroups views never reach the decider (they are
 * unauthenticated, see docs/wire-inputs.md) and are read for status from the media.
 */
public final class MediaListener implements BeaconListener {
    private static final ThreadLocal<Boolean> PROMOTED = ThreadLocal.withInitial(() -> false);
    private final Inbox loop;
    private final LinkQuality quality = new LinkQuality();

    public MediaListener(Inbox loop) {
        this.loop = loop;
    }

    public LinkQuality quality() {
        return quality;
    }

    @Override
    public void onBeacon(String medium, Beacon b) {
        if (!PROMOTED.get()) { // the medium's receiving thread, the first time it delivers a beacon
            PROMOTED.set(true);
            HeartbeatThreads.started("beacon receiver of " + medium);
        }
        quality.beacon(b.from(), b.incarnation(), medium, b.seq());
        loop.beacon(medium, b.from(), at -> new Event.PeerBeacon(at, medium, b.from(), b.incarnation(), b.seq(),
                b.adverts(), b.requests(), b.heard()));
    }

    @Override
    public void onRejected(String medium, BeaconRejectedException.Reason reason, String detail) {
        // counted in the medium's stats and logged there (1st, 2nd, 4th, ...): nothing to add here
    }

    /** Serial media say when their device fails or comes back: our own side of that medium. */
    @Override
    public void onLinkState(String medium, boolean up, String detail) {
        loop.post(at -> new Event.MediumHealth(at, medium, up, medium + ": " + detail));
    }
}
