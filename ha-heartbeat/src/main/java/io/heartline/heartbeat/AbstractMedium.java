package io.heartline.heartbeat;

import io.heartline.heartbeat.BeaconRejectedException.Reason;
import io.heartline.heartbeat.ReplayWindow.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every medium shares. Sending: encode and sign, then queue for a sender thread
 * ({@link FrameSender}) so the caller never blocks; or, for a medium whose send never blocks
 * ({@link Sending#DIRECT}, a non-blocking datagram socket), encode into the codec's scratch
 * buffer and send on the caller's thread: no hand-off and no allocation per beacon. Receiving:
 * decode, verify the MAC, drop beacons from this node ({@code SELF}) and from nodes outside the
 * configured set ({@code UNKNOWN_NODE}), check the replay window, count, and only then call the
 * listener.
 *
 * <p>A subclass only moves bytes: {@link #open()} binds its socket or port and starts calling
 * {@link #receive} with each frame that arrives (from any thread), {@link #transmit} sends one
 * frame, {@link #shutdown()} releases everything.
 */
public abstract class AbstractMedium implements HeartbeatMedium {
    /** How long {@link #close()} lets queued beacons go out. */
    public static final Duration DRAIN = Duration.ofMillis(500);
    /** At most this many member names are kept from one view. */
    public static final int MAX_MEMBERS_SHOWN = MembersView.MAX_NAMES;
    /** Member names are cut to this many characters. */
    public static final int MAX_MEMBER_NAME = MembersView.MAX_NAME;
    private static final Logger log = LoggerFactory.getLogger(AbstractMedium.class);

    private enum Phase { NEW, OPEN, CLOSED }

    /** How a medium's frames leave. */
    protected enum Sending {
        /** Through a bounded queue and a sender thread: for a medium whose send may block (TCP, serial). */
        QUEUED,
        /** On the caller's thread, from a reused buffer: for a medium whose send never blocks. */
        DIRECT
    }

    private final String name;
    private final MediumContext context;
    private final MediumStats stats;
    /** Null when sending is {@link Sending#DIRECT}. */
    private final FrameSender sender;
    /** Direct sends that failed, in all (guarded by {@code sendCodec}); warnings thin out (1, 2, 4, ...). */
    private long directFailures;
    private final BeaconCodec sendCodec;
    private final BeaconCodec receiveCodec;
    private final ReplayWindow replay = new ReplayWindow();
    private final Object receiveLock = new Object();
    private volatile BeaconListener listener;
    private volatile Phase phase = Phase.NEW;
    private volatile MembersView view = MembersView.NONE;

    protected AbstractMedium(String name, MediumContext context) {
        this(name, context, Sending.QUEUED);
    }

    protected AbstractMedium(String name, MediumContext context, Sending sending) {
        this.name = Objects.requireNonNull(name, "name");
        this.context = Objects.requireNonNull(context, "context");
        this.stats = new MediumStats(name);
        this.sender = sending == Sending.QUEUED ? new FrameSender(name, this::transmit, stats) : null;
        this.sendCodec = new BeaconCodec(context.key());
        this.receiveCodec = new BeaconCodec(context.key());
    }

    /** Binds the medium; from now on frames that arrive go to {@link #receive}. */
    protected abstract void open() throws Exception;

    /** Sends one frame to every peer on this medium. Called by the sender thread only; may block briefly. */
    protected abstract void transmit(byte[] frame) throws Exception;

    /**
     * Sends {@code buf[off, off+len)} to every peer, without keeping the buffer: a
     * {@link Sending#DIRECT} medium's send, on the caller's thread; must not block.
     */
    protected void transmit(byte[] buf, int off, int len) throws Exception {
        transmit(java.util.Arrays.copyOfRange(buf, off, off + len));
    }

    /** Releases the medium. Called once, after the last {@link #transmit}. */
    protected abstract void shutdown();

    @Override
    public final String name() {
        return name;
    }

    public final MediumContext context() {
        return context;
    }

    @Override
    public final MediumStats stats() {
        return stats;
    }

    @Override
    public final synchronized void start(BeaconListener listener) throws Exception {
        Objects.requireNonNull(listener, "listener");
        if (phase != Phase.NEW) {
            throw new IllegalStateException(name + ": a medium is started once (it is " + phase + ")");
        }
        this.listener = listener;
        if (sender != null) {
            sender.start();
        }
        phase = Phase.OPEN;
        try {
            open();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        log.info("{}: medium open as {}", name, context.self());
    }

    @Override
    public final void send(Beacon beacon) {
        if (sender == null) {
            synchronized (sendCodec) {
                int n;
                try {
                    n = sendCodec.encodeToScratch(beacon);
                } catch (IllegalArgumentException e) {
                    stats.countSendError();
                    log.warn("{}: beacon not sent: {}", name, e.getMessage());
                    return;
                }
                sendDirect(sendCodec.scratch(), n);
            }
            return;
        }
        byte[] frame;
        try {
            synchronized (sendCodec) {
                frame = sendCodec.encode(beacon);
            }
        } catch (IllegalArgumentException e) {
            stats.countSendError();
            log.warn("{}: beacon not sent: {}", name, e.getMessage());
            return;
        }
        sendFrame(frame);
    }

    /**
     * Queues an already encoded frame exactly as given, like {@link #send}. For tools and tests
     * (replays, forgeries, junk); the daemon uses {@link #send}.
     */
    public final void sendFrame(byte[] frame) {
        if (phase != Phase.OPEN) {
            stats.countSendError();
            log.debug("{}: medium is {}, beacon not sent", name, phase);
            return;
        }
        if (sender == null) {
            synchronized (sendCodec) {
                sendDirect(frame, frame.length);
            }
            return;
        }
        sender.submit(frame);
    }

    /** A {@link Sending#DIRECT} send; the caller holds {@code sendCodec}. */
    private void sendDirect(byte[] buf, int len) {
        if (phase != Phase.OPEN) {
            stats.countSendError();
            log.debug("{}: medium is {}, beacon not sent", name, phase);
            return;
        }
        try {
            transmit(buf, 0, len);
            stats.countSent();
        } catch (Exception e) {
            stats.countSendError();
            long n = ++directFailures;
            if (Long.bitCount(n) == 1) {
                log.warn("{}: sending a beacon failed: {} ({} failures so far)", name, e.toString(), n);
            } else {
                log.debug("{}: sending a beacon failed", name, e);
            }
        }
    }

    @Override
    public final synchronized void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean wasOpen = phase == Phase.OPEN;
        phase = Phase.CLOSED;
        if (sender != null) {
            sender.stop(DRAIN);
        } else {
            synchronized (sendCodec) { // waits out a direct send under way
                log.trace("{}: direct sending stopped", name);
            }
        }
        if (wasOpen) {
            try {
                shutdown();
            } catch (RuntimeException e) {
                log.warn("{}: error while closing: {}", name, e.toString());
            }
            log.info("{}: medium closed; {}", name, stats.snapshot());
        }
    }

    /**
     * Hands one received frame to the medium's checks and, if it passes, to the listener. Call
     * from any thread; calls are serialized, and the buffer is not kept.
     */
    protected final void receive(byte[] buf, int off, int len) {
        BeaconListener l = listener;
        if (l == null || phase != Phase.OPEN) {
            return;
        }
        synchronized (receiveLock) {
            Beacon beacon;
            try {
                beacon = receiveCodec.decode(buf, off, len);
                admit(beacon);
            } catch (BeaconRejectedException e) {
                rejected(l, e.reason(), e.getMessage());
                return;
            }
            stats.countReceived(beacon.from());
            try {
                l.onBeacon(name, beacon);
            } catch (RuntimeException e) {
                log.error("{}: beacon listener failed on {}", name, beacon, e);
            }
        }
    }

    /**
     * Records the medium's own membership (a JGroups view) for status and logs. It goes to no
     * listener and becomes no event: a JGroups view is unauthenticated (any host that reaches the
     * group or port can join it or forge one), so nothing Heartline decides may depend on it.
     * Only the newest view is kept (a burst of views costs one volatile write each), bounded to
     * {@value #MAX_MEMBERS_SHOWN} names of at most {@value #MAX_MEMBER_NAME} printable characters.
     */
    protected final void membersChanged(List<String> members) {
        MembersView before = view;
        MembersView now = MembersView.of(members);
        view = now;
        if (!now.equals(before)) {
            log.debug("{}: medium members {}", name, now);
        }
    }

    /** The newest membership of the medium itself (a JGroups view), bounded; informational only. */
    public final MembersView members() {
        return view;
    }

    /**
     * Reports that the medium's own link went up or down (a serial port opened, failed, reopened)
     * to the listener. Not after {@link #close()}.
     */
    protected final void linkChanged(boolean up, String detail) {
        BeaconListener l = listener;
        if (l == null || phase != Phase.OPEN) {
            return;
        }
        try {
            l.onLinkState(name, up, detail);
        } catch (RuntimeException e) {
            log.error("{}: beacon listener failed on a link change", name, e);
        }
    }

    private void admit(Beacon b) throws BeaconRejectedException {
        if (b.from().equals(context.self())) {
            throw new BeaconRejectedException(Reason.SELF, "beacon claims to come from this node ("
                    + b.from() + "): looped back, or another node uses this node's name");
        }
        if (!context.knows(b.from())) {
            throw new BeaconRejectedException(Reason.UNKNOWN_NODE, "authentic beacon from node '"
                    + b.from() + "', which is not in this node's configuration");
        }
        Verdict v = replay.check(b.from(), b.incarnation(), b.seq());
        if (!v.accepted()) {
            throw new BeaconRejectedException(Reason.REPLAY, "beacon " + b.seq() + " of " + b.from()
                    + " (incarnation " + b.incarnation() + ") is " + v.description());
        }
    }

    private void rejected(BeaconListener l, Reason reason, String detail) {
        long n = stats.countRejected(reason);
        if (Long.bitCount(n) == 1) {
            log.warn("{}: dropped a frame ({}): {} [{} so far]", name, reason, detail, n);
        } else {
            log.debug("{}: dropped a frame ({}): {}", name, reason, detail);
        }
        try {
            l.onRejected(name, reason, detail);
        } catch (RuntimeException e) {
            log.error("{}: beacon listener failed on a rejection", name, e);
        }
    }
}
