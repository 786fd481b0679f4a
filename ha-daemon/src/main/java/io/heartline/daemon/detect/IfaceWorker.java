package io.heartline.daemon.detect;

import io.heartline.core.HeartbeatThreads;
import io.heartline.takeover.NeighbourProbe;
import io.heartline.takeover.TakeoverException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The node check on one interface, on a thread of its own with a prober of its own (a neighbour
 * prober is not thread-safe, and the checks on several interfaces run at once). At most one check
 * runs and one waits; a third is not asked (the thread is stuck). A check is not asked either when
 * our own side of the interface has no carrier: silence there says nothing about the peer.
 */
final class IfaceWorker implements AutoCloseable {
    private final String iface;
    private final NeighbourProbe probe;
    private final BooleanSupplier carrier;
    private final ThreadPoolExecutor thread;

    IfaceWorker(String iface, NeighbourProbe probe, BooleanSupplier carrier) {
        this.iface = iface;
        this.probe = probe;
        this.carrier = carrier;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), r -> {
            Thread t = new Thread(() -> {
                HeartbeatThreads.started("node check on " + iface);
                r.run();
            }, "heartline-probe-" + iface);
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
    }

    /** Starts the node check of {@code route} (on this interface) for at most {@code timeout}. */
    Future<NodeCheck> submit(ProbeRoutes.NodeCheckRoute route, Duration timeout) {
        try {
            return thread.submit(() -> check(route, timeout));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(NodeCheck.notAsked(iface, route.peer(),
                    thread.isShutdown() ? "the detector is stopping" : "the checks before it on " + iface + " still run"));
        }
    }

    private NodeCheck check(ProbeRoutes.NodeCheckRoute route, Duration timeout) {
        if (!carrier.getAsBoolean()) {
            return NodeCheck.notAsked(iface, route.peer(), "our " + iface + " has no carrier");
        }
        try {
            return NodeCheck.of(probe.probeNode(iface, route.peer(), route.self(), timeout));
        } catch (TakeoverException | RuntimeException e) {
            return NodeCheck.notAsked(iface, route.peer(), e.getMessage());
        }
    }

    /** Stops the thread, then closes the prober (after the thread, which alone used it). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.close();
    }
}
