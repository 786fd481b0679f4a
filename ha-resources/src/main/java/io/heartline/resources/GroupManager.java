package io.heartline.resources;

import io.heartline.core.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ResourceGroup} on this node: ordered start, reverse stop, a recurring monitor
 * per resource, and the on-fail policy ({@link Recovery}).
 *
 * <ul>
 *   <li>{@link #start()} starts the resources in order and stops at the first failure; it then
 *       stops what it had attempted, the failed one first, in reverse, and reports the failed
 *       resource. Each started resource's monitor begins one interval after its start.</li>
 *   <li>{@link #stop()} cancels every monitor, then stops in reverse order, going on past
 *       failures and reporting each (a failed stop must be escalated by the caller).</li>
 *   <li>{@link #probe(boolean)} monitors every member once at start-up and stops, in reverse, what
 *       must not run here ({@link StartupProbe}).</li>
 *   <li>{@link #cleanup(String)} clears a resource's failures and probes it (monitor): found
 *       running it is RUNNING again, found stopped while the group should run it is started.</li>
 * </ul>
 *
 * <p>Threads: all work, the caller's start/stop/cleanup and the monitors alike, runs as tasks on
 * the injected executor, one at a time (give each group a single-threaded scheduler; a lock
 * keeps it correct on a larger pool). Operations block that thread for up to their timeout.
 * Results come back as futures; {@link #status()} is an immutable snapshot readable anywhere.
 * Time comes from the injected {@link Clock} and every timer from the executor, so the whole
 * policy runs in virtual time under a test scheduler.
 */
public final class GroupManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupManager.class);

    private final ResourceGroup group;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final GroupListener listener;
    private final List<ResourceSlot> slots = new ArrayList<>();
    private final Recovery recovery;
    private final Object lock = new Object();
    private GroupStatus.Target target = GroupStatus.Target.STOPPED;
    private boolean failoverRequested;
    private volatile boolean closed;
    private boolean monitorsPaused;
    private volatile GroupStatus status;

    public GroupManager(ResourceGroup group, ScheduledExecutorService executor, Clock clock, GroupListener listener) {
        this.group = Objects.requireNonNull(group, "group");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        group.members().forEach(m -> slots.add(new ResourceSlot(m, clock.wallTime())));
        this.recovery = new Recovery(this);
        publish();
    }

    public String name() {
        return group.name();
    }

    /** Starts the group in order (see the class comment). */
    public CompletableFuture<GroupResult> start() {
        return submit(() -> new Sequencer(this).start(slots));
    }

    /** Stops the group in reverse order (see the class comment). */
    public CompletableFuture<GroupResult> stop() {
        return submit(() -> new Sequencer(this).stop(slots));
    }

    /**
     * Start-up probes ({@link StartupProbe}): the monitor of every member, then a reverse-order
     * stop of what must not run here. Submitted before the group can be started, it runs before any
     * start on the group's single thread; the caller never waits for it.
     */
    public CompletableFuture<ProbeReport> probe(boolean ownedHere) {
        return submit(() -> new StartupProbe(this).run(slots, ownedHere));
    }

    /** Clears {@code resource}'s failures and probes it ({@code hactl resource cleanup GROUP/RES}). */
    public CompletableFuture<ResourceStatus> cleanup(String resource) {
        return submit(() -> recovery.cleanup(slot(resource)));
    }

    /**
     * Maintenance: {@code paused} cancels every monitor and schedules none until resumed; resuming
     * schedules a monitor for every running resource. Resources themselves are not touched, and
     * are told ({@link Resource#maintenance}) so that they change nothing by themselves either.
     */
    public CompletableFuture<Void> pauseMonitors(boolean paused) {
        return submit(() -> {
            monitorsPaused = paused;
            for (ResourceSlot s : slots) {
                s.resource().maintenance(paused);
                if (paused) {
                    s.cancelMonitor();
                } else if (s.state == ResourceState.RUNNING) {
                    scheduleMonitor(s);
                }
            }
            return null;
        });
    }

    /** The latest snapshot, with each resource's details as they are now; never blocks. */
    public GroupStatus status() {
        GroupStatus s = status;
        List<ResourceStatus> live = new ArrayList<>(s.resources().size());
        for (int i = 0; i < s.resources().size(); i++) {
            live.add(s.resources().get(i).withDetails(group.members().get(i).resource().statusDetails()));
        }
        return new GroupStatus(s.group(), s.target(), s.failoverRequested(), live);
    }

    /** Cancels every monitor; leaves the resources as they are (stop them first to stop them). */
    @Override
    public void close() {
        closed = true;
        submit(() -> {
            slots.forEach(ResourceSlot::cancelMonitor);
            return null;
        });
    }

    // ---- for Sequencer and Recovery; always called on the executor, under the lock ----

    String groupName() {
        return group.name();
    }

    Clock clock() {
        return clock;
    }

    GroupListener listener() {
        return listener;
    }

    GroupStatus.Target target() {
        return target;
    }

    void target(GroupStatus.Target t) {
        target = t;
        failoverRequested = false;
    }

    /** Moves a resource through its state table; logs and tells the listener when the state changes. */
    void move(ResourceSlot s, ResourceEvent event, String cause) {
        ResourceState from = s.state;
        ResourceState to = from.on(event);
        s.state = to;
        if (from != to) {
            s.since = clock.wallTime();
            log.info("({}/{}) entering {}: {}", group.name(), s.name(), to, cause);
            safely(() -> listener.stateChanged(group.name(), s.name(), from, to, cause));
        }
        publish();
    }

    /** Runs one operation with the resource's timeout for it; a throwing Java resource is a failed result. */
    OperationResult call(ResourceSlot s, Operation op) {
        ResourcePolicy p = s.policy();
        Resource r = s.resource();
        long t0 = clock.monotonicNanos();
        try {
            OperationResult result = switch (op) {
                case START -> r.start(p.startTimeout());
                case STOP -> r.stop(p.stopTimeout());
                default -> r.monitor(p.monitorTimeout());
            };
            return result != null ? result : failed(op, "returned no result", t0);
        } catch (RuntimeException e) {
            log.error("({}/{}) {} threw", group.name(), s.name(), op, e);
            return failed(op, "threw " + e, t0);
        }
    }

    private OperationResult failed(Operation op, String why, long t0) {
        return OperationResult.of(op, OcfStatus.ERR_GENERIC, why, Duration.ofNanos(clock.monotonicNanos() - t0));
    }

    void scheduleMonitor(ResourceSlot s) {
        s.cancelMonitor();
        if (closed || monitorsPaused || !s.policy().monitored()) {
            return;
        }
        long generation = s.monitorGeneration;
        s.monitor = executor.schedule(() -> locked(() -> runMonitor(s, generation)),
                s.policy().monitorInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void runMonitor(ResourceSlot s, long generation) {
        if (closed || monitorsPaused || generation != s.monitorGeneration || s.state != ResourceState.RUNNING) {
            return;
        }
        s.monitor = null;
        OperationResult r = call(s, Operation.MONITOR);
        s.lastMonitor = r;
        s.lastMonitorAt = clock.wallTime();
        safely(() -> listener.monitored(group.name(), s.name(), r));
        if (r.succeeded()) {
            move(s, ResourceEvent.MONITOR_OK, r.summary());
            scheduleMonitor(s);
        } else {
            recovery.monitorFailed(s, r);
        }
    }

    /** Asks the listener to move the group away, once until the next start or stop. */
    void requestFailover(ResourceSlot s, String reason) {
        if (failoverRequested) {
            log.warn("({}/{}) {} (fail-over already requested)", group.name(), s.name(), reason);
            return;
        }
        failoverRequested = true;
        publish();
        log.warn("({}/{}) group must fail over: {}", group.name(), s.name(), reason);
        safely(() -> listener.failoverRequired(group.name(), s.name(), reason));
    }

    /** A stop failed outside the caller's own start/stop: escalate through the listener. */
    void reportStopFailure(ResourceSlot s, OperationResult r) {
        failoverRequested = true;
        publish();
        log.error("({}/{}) stop FAILED, the resource may still run: {}", group.name(), s.name(), r.summary());
        safely(() -> listener.stopFailed(group.name(), s.name(), r));
    }

    void publish() {
        List<ResourceStatus> resources = slots.stream().map(ResourceSlot::snapshot).toList();
        status = new GroupStatus(group.name(), target, failoverRequested, resources);
    }

    private ResourceSlot slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("group " + group.name() + " has no resource '" + name + "'"));
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> locked(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    private void locked(Runnable r) {
        synchronized (lock) {
            r.run();
        }
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("({}) listener threw", group.name(), e);
        }
    }
}
