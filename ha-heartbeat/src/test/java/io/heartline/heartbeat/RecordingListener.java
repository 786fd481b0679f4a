package io.heartline.heartbeat;

import io.heartline.core.NodeId;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link BeaconListener} that remembers everything, for tests. Thread-safe. */
public final class RecordingListener implements BeaconListener {

    /** An accepted beacon and the medium it came on. */
    public record Received(String medium, Beacon beacon) {
    }

    /** A rejected frame. */
    public record Rejection(String medium, Reason reason, String detail) {
    }

    /** A medium's own link went up or down. */
    public record LinkChange(String medium, boolean up, String detail) {
    }

    private final List<Received> beacons = new CopyOnWriteArrayList<>();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<LinkChange> linkChanges = new CopyOnWriteArrayList<>();

    @Override
    public void onBeacon(String medium, Beacon beacon) {
        beacons.add(new Received(medium, beacon));
    }

    @Override
    public void onRejected(String medium, Reason reason, String detail) {
        rejections.add(new Rejection(medium, reason, detail));
    }

    @Override
    public void onLinkState(String medium, boolean up, String detail) {
        linkChanges.add(new LinkChange(medium, up, detail));
    }

    public List<Received> received() {
        return List.copyOf(beacons);
    }

    public List<Beacon> beaconsFrom(NodeId node) {
        return beacons.stream().map(Received::beacon).filter(b -> b.from().equals(node)).toList();
    }

    public boolean hasBeacon(NodeId node, long seq) {
        return beacons.stream().anyMatch(r -> r.beacon().from().equals(node) && r.beacon().seq() == seq);
    }

    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    public long rejected(Reason reason) {
        return rejections.stream().filter(r -> r.reason() == reason).count();
    }

    public List<LinkChange> linkChanges() {
        return List.copyOf(linkChanges);
    }
}
