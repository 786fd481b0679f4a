package io.heartline.daemon.media;

import io.heartline.heartbeat.Beacon;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.membership.ClusterState;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends this node's beacon on every medium: every {@code interval} from its own timer thread (so a
 * busy event loop never delays a heartbeat), and at once after a state change. Reads the loop's
 * published state; never changes it. Each beacon lists the peers this node's decider holds alive.
 */
public final class BeaconSender {
    private final List<HeartbeatMedium> media;
    private final Supplier<ClusterState> state;
    private final long incarnation;
    private final long deadNanos;
    private final AtomicLong seq = new AtomicLong();

    /** {@code deadNanos}: the deadtime, for the peers this node lists as heard ({@link ClusterState#heard}). */
    public BeaconSender(List<HeartbeatMedium> media, Supplier<ClusterState> state, long incarnation, long deadNanos) {
        this.media = List.copyOf(media);
        this.state = state;
        this.incarnation = incarnation;
        this.deadNanos = deadNanos;
    }

    long incarnation() {
        return incarnation;
    }

    public void send() {
        ClusterState s = state.get();
        Beacon b = new Beacon(s.self(), incarnation, seq.incrementAndGet(), s.adverts(), s.requests(),
                s.heard(deadNanos));
        for (HeartbeatMedium m : media) {
            m.send(b);
        }
    }
}
