package io.heartline.daemon.detect;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.daemon.StartupException;
import io.heartline.daemon.loop.Inbox;
import io.heartline.daemon.media.LinkWatcher;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import io.heartline.takeover.DaemonProbe;
import io.heartline.takeover.NeighbourProbe;
import io.heartline.takeover.RawSocketNeighbourProbe;
import io.heartline.takeover.RecvErrDaemonProbe;
import io.heartline.takeover.TakeoverException;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-stage detector's probes (docs/detection.md), for the decider's {@link Action.ProbePeer}:
 * off the event loop, one {@link Event.ProbeAnswer} back per round ({@link Prober}); and this
 * node's own probe port, open on its heartbeat addresses while the daemon runs ({@link ProbePort}).
 * Only with {@code timing.twoStage()}; otherwise nothing is opened and any probe is answered
 * UNKNOWN at once.
 */
public final class ProbeService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeService.class);

    private final Consumer<LongFunction<Event>> loop;
    private final ProbePort port;
    private final Prober prober;
    private final ProbeMetrics metrics;
    private final ProbeRoutes routes;

    /**
     * @param loop    where the answers go ({@link Inbox#post})
     * @param routes  what to ask about each peer; null: the detector is off (then nothing else is used)
     * @param port    this node's probe port, or null for none (tests)
     * @param warmUp  where the prober's first, ignored, daemon check goes, or null for none
     */
    ProbeService(Consumer<LongFunction<Event>> loop, ProbeMetrics metrics, ProbeRoutes routes, ProbePort port, Clock clock,
                 DaemonProbe daemon, Map<String, IfaceWorker> workers, InetSocketAddress warmUp) {
        this.loop = loop;
        this.metrics = metrics;
        this.routes = routes;
        this.port = port;
        this.prober = routes == null ? null : new Prober(routes, clock, daemon, workers, this::answered, warmUp);
    }

    /**
     * Opens the probe port on {@code ownAddresses} and builds the probers (JNA loaded, sockets open),
     * nothing started yet. With the detector off, opens nothing.
     *
     * @throws StartupException naming the address and port when the probe port cannot be bound
     */
    public static ProbeService open(HeartlineConfig config, List<InetAddress> ownAddresses, Clock clock, Inbox loop)
            throws StartupException {
        ProbeMetrics metrics = new ProbeMetrics(config.peers().stream().map(NodeConfig::id).toList());
        if (!config.timing().twoStage()) {
            return new ProbeService(loop::post, metrics, null, null, clock, null, Map.of(), null);
        }
        ProbeRoutes routes = ProbeRoutes.of(config, LocalAddress.system());
        ProbePort port = ProbePort.open(ownAddresses, config.timing().probePort());
        Map<String, IfaceWorker> workers = new LinkedHashMap<>();
        for (String iface : routes.interfaces()) {
            workers.put(iface, new IfaceWorker(iface, neighbourProbe(clock, iface), new LinkWatcher.Carrier(iface)::up));
        }
        RecvErrDaemonProbe daemon = new RecvErrDaemonProbe(clock);
        try {
            daemon.warmUp();
        } catch (TakeoverException e) {
            log.warn("daemon check: cannot open its sockets yet ({}); each probe tries again", e.getMessage());
        }
        InetAddress family = ownAddresses.isEmpty() ? InetAddress.getLoopbackAddress() : ownAddresses.get(0);
        InetSocketAddress warmUp = new InetSocketAddress(loopback(family), config.timing().probePort());
        return new ProbeService(loop::post, metrics, routes, port, clock, daemon, workers, warmUp);
    }

    private static NeighbourProbe neighbourProbe(Clock clock, String iface) {
        RawSocketNeighbourProbe probe = new RawSocketNeighbourProbe(clock);
        try {
            probe.warmUp(List.of(iface));
        } catch (TakeoverException e) {
            log.warn("node check on {}: cannot open its sockets yet ({}); each probe tries again", iface, e.getMessage());
        }
        return probe;
    }

    private static InetAddress loopback(InetAddress family) {
        try {
            return family instanceof java.net.Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        } catch (java.net.UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** Starts draining the probe port and the prober's threads. */
    public void start() {
        if (prober == null) {
            log.info("two-stage detector off (suspect-after >= deadtime): no probe port, peers are dead at deadtime");
            return;
        }
        if (port != null) {
            port.start();
        }
        prober.start();
        for (ProbeRoutes.Route r : routes.byPeer().values()) {
            if (r.nodeChecks().isEmpty()) {
                log.warn("two-stage detector: {}; its kernel cannot be asked, so a silent {} is dead early only when its"
                        + " daemon's port is closed, else at deadtime", r, r.peer().name());
            } else {
                log.info("two-stage detector: {}", r);
            }
        }
    }

    /** The decider asks (on the loop thread): queues the round and returns at once. */
    public void probe(Action.ProbePeer probe) {
        if (prober == null) {
            loop.accept(at -> new Event.ProbeAnswer(at, probe.peer(), probe.round(), Event.Kernel.UNKNOWN, Event.Port.UNKNOWN,
                    "not probed: the two-stage detector was off when this daemon started (restart it to open the probe port)"));
            return;
        }
        prober.offer(probe);
    }

    private void answered(Action.ProbePeer probe, ProbeFindings f) {
        NodeId peer = probe.peer();
        Event.Kernel kernel = f.kernel();
        Event.Port port = f.port();
        String detail = f.detail();
        metrics.record(peer, f);
        log.debug("probe {} round {}: kernel {}, port {}: {}", peer, probe.round(), kernel, port, detail);
        loop.accept(at -> new Event.ProbeAnswer(at, peer, probe.round(), kernel, port, detail));
    }

    /** The probe meters, for the daemon's registry. */
    public MeterBinder metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (prober != null) {
            prober.close();
        }
        if (port != null) {
            port.close();
        }
    }
}
