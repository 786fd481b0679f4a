package io.heartline.resources;

import io.heartline.core.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A scripted Java {@link Resource} for virtual-time tests: it "takes" {@code opTime} of virtual
 * time per operation, is running after a successful start, and answers monitor from its state
 * unless results were queued. Starts and stops go to a shared journal ("web:start").
 */
final class FakeResource implements Resource {
    private final String name;
    private final ManualClock clock;
    private final List<String> journal;
    private final Deque<OperationResult> queuedMonitors = new ArrayDeque<>();
    Duration opTime = Duration.ofMillis(100);
    OcfStatus startResult = OcfStatus.SUCCESS;
    OcfStatus stopResult = OcfStatus.SUCCESS;
    boolean running;
    int monitors;
    int starts;
    int stops;

    FakeResource(String name, ManualClock clock, List<String> journal) {
        this.name = name;
        this.clock = clock;
        this.journal = journal;
    }

    /** The service dies behind our back: the next monitors say NOT_RUNNING. */
    void crash() {
        running = false;
    }

    /** The next monitor answers {@code status} (after which monitors answer from the state again). */
    void nextMonitor(OcfStatus status) {
        queuedMonitors.add(OperationResult.of(Operation.MONITOR, status, "scripted " + status, opTime));
    }

    /** The next monitor times out. */
    void nextMonitorTimesOut(Duration timeout) {
        queuedMonitors.add(OperationResult.timedOut(Operation.MONITOR, "hung", timeout));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OperationResult start(Duration timeout) {
        starts++;
        journal.add(name + ":start");
        clock.advance(opTime);
        if (startResult == OcfStatus.SUCCESS) {
            running = true;
        }
        return OperationResult.of(Operation.START, startResult, "", opTime);
    }

    @Override
    public OperationResult stop(Duration timeout) {
        stops++;
        journal.add(name + ":stop");
        clock.advance(opTime);
        if (stopResult == OcfStatus.SUCCESS) {
            running = false;
        }
        return OperationResult.of(Operation.STOP, stopResult, "", opTime);
    }

    @Override
    public OperationResult monitor(Duration timeout) {
        monitors++;
        clock.advance(opTime);
        if (!queuedMonitors.isEmpty()) {
            return queuedMonitors.poll();
        }
        return OperationResult.of(Operation.MONITOR, running ? OcfStatus.SUCCESS : OcfStatus.NOT_RUNNING, "", opTime);
    }
}
