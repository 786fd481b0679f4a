package io.heartline.daemon.media;

import io.heartline.daemon.loop.Inbox;
import io.heartline.heartbeat.Beacon;
import io.heartline.heartbeat.BeaconListener;
import io.heartline.heartbeat.BeaconRejectedException;
import io.heartline.membership.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands what the media accept to the event loop; rejected frames are counted by the media and logged here. */
public final class MediaListener implements BeaconListener {
    private static final Logger log = LoggerFactory.getLogger(MediaListener.class);
    private final Inbox loop;
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    private final LinkQuality quality = new LinkQuality();
    private final Map<BeaconRejectedException.Reason, java.util.concurrent.atomic.AtomicLong> rejected =
            new java.util.concurrent.ConcurrentHashMap<>();

    public MediaListener(Inbox loop) {
        this.loop = loop;
    }

    public Map<String, List<String>> members() {
        return members;
    }

    public LinkQuality quality() {
        return quality;
    }

    private static final ThreadLocal<Boolean> PROMOTED = ThreadLocal.withInitial(() -> false);

    @Override
    public void onBeacon(String medium, Beacon b) {
        if (!PROMOTED.get()) { // the medium's receiving thread, the first time it delivers a beacon
            PROMOTED.set(true);
            io.heartline.core.HeartbeatThreads.started("beacon receiver of " + medium);
        }
        quality.beacon(b.from(), b.incarnation(), medium, b.seq());
        loop.beacon(medium, b.from(), at -> new Event.PeerBeacon(at, medium, b.from(), b.incarnation(), b.adverts(), b.requests()));
    }

    @Override
    public void onRejected(String medium, BeaconRejectedException.Reason reason, String detail) {
        long n = rejected.computeIfAbsent(reason, r -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th...: a flood of forged frames does not flood the log
            log.warn("{}: dropped a beacon ({}, {} so far): {}", medium, reason, n, detail);
        }
    }

    /** Serial media say when their device fails or comes back: our own side of that medium. */
    @Override
    public void onLinkState(String medium, boolean up, String detail) {
        loop.post(at -> new Event.MediumHealth(at, medium, up, medium + ": " + detail));
    }

    @Override
    public void onMembers(String medium, List<String> list) {
        members.put(medium, List.copyOf(list));
        loop.members(medium, at -> new Event.MembersChanged(at, medium, list));
    }
}
