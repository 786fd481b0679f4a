package io.heartline.daemon.detect;

import io.heartline.core.Clock;
import io.heartline.core.HeartbeatThreads;
import io.heartline.core.NodeId;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import io.heartline.takeover.DaemonProbe;
import io.heartline.takeover.TakeoverException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Carries out probe rounds, one at a time, on its own thread: the node check on every interface
 * that reaches the peer (each on its {@link IfaceWorker}) and the daemon check (on this thread),
 * all at once, then hands the findings on. The whole round takes the decider's timeout, plus at most
 * {@link #GRACE_NANOS} for a late node check (which then counts as not asked); a closed port ends
 * it at most {@link #GRACE_NANOS} later (the peer is dead whatever its kernel says).
 *
 * <pre>
 *  loop ──offer(ProbePeer)──▶ waiting (one per peer; a newer round replaces an older one)
 *                                │
 *                       heartline-probe ──▶ node checks (per interface) ─┐
 *                                       └─▶ daemon check ────────────────┴─▶ findings ──▶ answered
 * </pre>
 * The queue is bounded by the number of peers, and {@link #offer} never blocks.
 */
final class Prober implements AutoCloseable {
    /** How much longer than the timeout a node check's thread may take to hand in its result. */
    static final long GRACE_NANOS = 1_000_000L;
    /** The warm-up's timeout: long enough to run the code, short enough not to hold the first real round. */
    private static final Duration WARM_UP = Duration.ofMillis(1);

    private final ProbeRoutes routes;
    private final Clock clock;
    private final DaemonProbe daemon;
    private final Map<String, IfaceWorker> workers;
    private final BiConsumer<Action.ProbePeer, ProbeFindings> answered;
    private final InetSocketAddress warmUpTarget;
    private final long graceNanos;
    private final Map<NodeId, Action.ProbePeer> waiting = new LinkedHashMap<>();
    private final Thread thread;
    private boolean running = true;
    private long replaced;

    /**
     * @param workers      the node check of each interface in {@code routes}
     * @param answered     told each round's findings, on the prober's thread
     * @param warmUpTarget where a first daemon check goes before any round (a closed port, to run the error
     *                     path once: the first probe in a JVM is slow), or null for none
     */
    Prober(ProbeRoutes routes, Clock clock, DaemonProbe daemon, Map<String, IfaceWorker> workers,
           BiConsumer<Action.ProbePeer, ProbeFindings> answered, InetSocketAddress warmUpTarget) {
        this(routes, clock, daemon, workers, answered, warmUpTarget, GRACE_NANOS);
    }

    /** With another grace than {@link #GRACE_NANOS}: tests whose fakes answer at once must not depend on the scheduler. */
    Prober(ProbeRoutes routes, Clock clock, DaemonProbe daemon, Map<String, IfaceWorker> workers,
           BiConsumer<Action.ProbePeer, ProbeFindings> answered, InetSocketAddress warmUpTarget, long graceNanos) {
        this.graceNanos = graceNanos;
        this.routes = routes;
        this.clock = clock;
        this.daemon = daemon;
        this.workers = Map.copyOf(workers);
        this.answered = answered;
        this.warmUpTarget = warmUpTarget;
        this.thread = new Thread(this::run, "heartline-probe");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        thread.start();
    }

    /** Queues a round; a round for the same peer not yet begun is replaced. Never blocks. */
    synchronized void offer(Action.ProbePeer probe) {
        if (waiting.put(probe.peer(), probe) != null) {
            replaced++;
        }
        notifyAll();
    }

    /** Rounds replaced by a newer one for the same peer before they began. */
    synchronized long replaced() {
        return replaced;
    }

    private void run() {
        HeartbeatThreads.started("detector probes");
        warmUp();
        while (true) {
            Action.ProbePeer probe;
            synchronized (this) {
                while (running && waiting.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                Iterator<Action.ProbePeer> first = waiting.values().iterator();
                probe = first.next();
                first.remove();
            }
            answered.accept(probe, round(probe));
        }
    }

    /** One round: every node check and the daemon check at once. */
    ProbeFindings round(Action.ProbePeer probe) {
        long start = clock.monotonicNanos();
        ProbeRoutes.Route route = routes.route(probe.peer());
        if (route == null) {
            return new ProbeFindings(List.of(), DaemonCheck.notSent(InetSocketAddress.createUnresolved(probe.peer().name(), 0),
                    "not a configured peer"), clock.monotonicNanos() - start);
        }
        Duration timeout = Duration.ofNanos(probe.timeoutNanos());
        List<Future<NodeCheck>> started = new ArrayList<>();
        for (ProbeRoutes.NodeCheckRoute c : route.nodeChecks()) {
            started.add(workers.get(c.iface()).submit(c, timeout));
        }
        DaemonCheck port = daemonCheck(route.daemon(), timeout);
        long deadline = start + probe.timeoutNanos() + graceNanos;
        boolean closed = port.port() == Event.Port.CLOSED;
        if (closed) { // dead whatever its kernel says: the kernel's answer (that came with the error) is only for the record
            deadline = Math.min(deadline, clock.monotonicNanos() + graceNanos);
        }
        List<NodeCheck> nodes = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            nodes.add(collect(started.get(i), route.nodeChecks().get(i), closed, deadline));
        }
        return new ProbeFindings(nodes, port, clock.monotonicNanos() - start);
    }

    private DaemonCheck daemonCheck(InetSocketAddress target, Duration timeout) {
        try {
            return DaemonCheck.of(daemon.probe(target, timeout));
        } catch (TakeoverException | RuntimeException e) {
            return DaemonCheck.notSent(target, e.getMessage());
        }
    }

    private NodeCheck collect(Future<NodeCheck> check, ProbeRoutes.NodeCheckRoute route, boolean portClosed, long deadline) {
        try {
            return check.get(Math.max(0, deadline - clock.monotonicNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return NodeCheck.notAsked(route.iface(), route.peer(), portClosed ? "not waited for: its daemon's port is closed"
                    : "no result within the timeout + " + graceNanos / 1000 + " us: its thread ran late");
        } catch (ExecutionException e) {
            return NodeCheck.notAsked(route.iface(), route.peer(), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeCheck.notAsked(route.iface(), route.peer(), "the detector is stopping");
        }
    }

    /** Runs each check's code once with a short timeout, answers ignored: the first probe in a JVM is slow. */
    private void warmUp() {
        if (warmUpTarget == null) {
            return;
        }
        for (ProbeRoutes.Route r : routes.byPeer().values()) {
            for (ProbeRoutes.NodeCheckRoute c : r.nodeChecks()) {
                workers.get(c.iface()).submit(c, WARM_UP);
            }
        }
        daemonCheck(warmUpTarget, WARM_UP);
    }

    /** Stops the thread and the interfaces' threads, then closes the probers they alone used. */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.values().forEach(IfaceWorker::close);
        daemon.close();
    }
}
