package io.heartline.daemon.loop;

import io.heartline.core.NodeId;
import io.heartline.membership.Event;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Everything that reaches the event loop, in three bounded lanes with a stated policy each:
 * <pre>
 *  lane       who posts                                  bound                    when full
 *  beacons    media receivers (PeerBeacon)               one slot per peer×medium  newest wins (coalesced)
 *  events     our own workers: group, fence, link results {@link #EVENT_CAPACITY}          fatal: the loop is stuck
 *  commands   control socket, status, systemd probe        {@link #COMMAND_CAPACITY}           refused: "busy"
 * </pre>
 * A beacon carries the peer's whole current state (its adverts and requests), so only the newest
 * one per peer and medium matters: a flood of beacons cannot grow anything. Events from our own
 * workers are few (one per group start/stop, fence, link change); if they ever fill their lane,
 * the loop has stopped draining and the process must end (through the {@link FatalHandler})
 * rather than lose a group's result or look alive while its state is stuck. Commands are refused when their lane is full, so hactl gets "busy" at once.
 */
public final class Inbox {
    public static final int EVENT_CAPACITY = 4_096;
    public static final int COMMAND_CAPACITY = 256;

    /** Given to the fatal handler when the events lane is full: the loop has stopped draining. */
    public static final class Overflow extends IllegalStateException {
        Overflow(String message) {
            super(message);
        }
    }

    private record BeaconKey(String medium, NodeId from) {
    }

    private final Map<BeaconKey, LongFunction<Event>> beacons = new ConcurrentHashMap<>();
    private final BlockingQueue<LongFunction<Event>> events;
    private final BlockingQueue<Runnable> commands;
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final FatalHandler fatal;
    private volatile Thread consumer;

    /** @param fatal ends the process when the events lane is full (a worker's thread calls it) */
    public Inbox(FatalHandler fatal) {
        this(EVENT_CAPACITY, COMMAND_CAPACITY, fatal);
    }

    Inbox(int eventCapacity, int commandCapacity, FatalHandler fatal) {
        this.events = new ArrayBlockingQueue<>(eventCapacity);
        this.commands = new ArrayBlockingQueue<>(commandCapacity);
        this.fatal = fatal;
    }

    /** A beacon from {@code from} on {@code medium}: replaces one from the same peer and medium not yet handled. */
    public void beacon(String medium, NodeId from, LongFunction<Event> event) {
        if (beacons.put(new BeaconKey(medium, from), event) != null) {
            coalesced.incrementAndGet();
        }
        wake();
    }

    /**
     * An event from one of our own workers; {@code at} is filled in when the loop handles it. When
     * the lane is full the loop is not draining: the fatal handler ends the process (a worker on a
     * pool thread could not be trusted to let an exception reach anyone).
     */
    public void post(LongFunction<Event> event) {
        if (!events.offer(event)) {
            fatal.die("event loop inbox", new Overflow("event loop inbox full (" + events.size()
                    + " events not handled): the loop is stuck"));
            return;
        }
        wake();
    }

    /** A command or query for the loop thread; false (and counted) when the lane is full: answer "busy". */
    public boolean offer(Runnable command) {
        if (!commands.offer(command)) {
            refused.incrementAndGet();
            return false;
        }
        wake();
        return true;
    }

    /** Beacons replaced by a newer one before the loop handled them. */
    public long coalesced() {
        return coalesced.get();
    }

    /** Commands refused because their lane was full. */
    public long refused() {
        return refused.get();
    }

    /** Items waiting, in all lanes. */
    public int size() {
        return beacons.size() + events.size() + commands.size();
    }

    void consumer(Thread t) {
        this.consumer = t;
    }

    private void wake() {
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Moves what is waiting into {@code out}, in the order: events from our workers, beacons, then at most {@code maxCommands} commands (so a burst of queries cannot starve beacons).
     */
    void drainTo(Queue<Object> out, int maxCommands) {
        events.drainTo(new QueueSink(out));
        for (BeaconKey k : beacons.keySet()) {
            LongFunction<Event> e = beacons.remove(k);
            if (e != null) {
                out.add(e);
            }
        }
        commands.drainTo(new QueueSink(out), maxCommands);
    }

    boolean isEmpty() {
        return events.isEmpty() && beacons.isEmpty() && commands.isEmpty();
    }

    /** Adapts a queue to drainTo's collection argument without copying. */
    private static final class QueueSink extends java.util.AbstractCollection<Object> {
        private final Queue<Object> out;

        QueueSink(Queue<Object> out) {
            this.out = out;
        }

        @Override
        public boolean add(Object o) {
            return out.add(o);
        }

        @Override
        public java.util.Iterator<Object> iterator() {
            return new ArrayDeque<>().iterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
