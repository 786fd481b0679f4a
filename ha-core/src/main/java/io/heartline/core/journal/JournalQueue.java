package io.heartline.core.journal;

import io.heartline.core.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off from any thread to the journal's writer. Its capacity counts the entries
 * waiting <em>and</em> those the writer holds but has not written yet (a failing disk keeps them
 * here, it does not make room). Offering never waits: a full queue counts the entry as dropped, and
 * the drop count rides on the next entry accepted (or on a marker when the queue runs empty), so the
 * writer puts the {@code journal-dropped} line exactly where the gap is.
 *
 * <p>The lock is held only to move references, never during I/O.
 */
final class JournalQueue {
    /** One thing to write: an entry, preceded by a drop marker when {@code droppedBefore > 0}. */
    record Item(JournalEntry entry, long droppedBefore) {
        boolean markerOnly() {
            return entry == null;
        }
    }

    private final int capacity;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Item> waiting = new ArrayDeque<>();
    private int held; // entries taken by the writer, not yet settled
    private long droppedSinceAccept;
    private long accepted;
    private long settled;
    private long dropped;
    private long lost;
    private boolean closing;
    private long closeDeadline;

    JournalQueue(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Queues the entry, or counts it dropped when the queue is full; after close, counts it lost. */
    boolean offer(JournalEntry entry) {
        lock.lock();
        try {
            if (closing) {
                lost++;
                return false;
            }
            if (waiting.size() + held >= capacity) {
                dropped++;
                droppedSinceAccept++;
                return false;
            }
            waiting.add(new Item(entry, droppedSinceAccept));
            droppedSinceAccept = 0;
            accepted++;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Everything waiting, to write as one batch; blocks until there is something. Empty when the
     * queue is closing and either nothing is left or the close deadline has passed.
     */
    List<Item> take() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty() && droppedSinceAccept == 0 && !closing) {
                changed.await();
            }
            if (closing && (waiting.isEmpty() && droppedSinceAccept == 0 || pastDeadline())) {
                return List.of();
            }
            List<Item> batch = new ArrayList<>(waiting);
            waiting.clear();
            if (droppedSinceAccept > 0) {
                batch.add(new Item(null, droppedSinceAccept)); // the gap ends here: nothing came after it yet
                droppedSinceAccept = 0;
            }
            held += entries(batch);
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** The writer is done with the batch (written, or given up as lost at close). */
    void settle(List<Item> batch, boolean written) {
        lock.lock();
        try {
            int n = entries(batch);
            held = Math.max(0, held - n);
            settled += n;
            if (!written) {
                lost += n;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits out a retry backoff of {@code nanos}; once the queue is closing, no longer than its
     * deadline. Returns false when the writer should give up: the close deadline has passed.
     */
    boolean backoff(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long end = clock.monotonicNanos() + nanos;
            while (true) {
                if (closing && pastDeadline()) {
                    return false;
                }
                long now = clock.monotonicNanos();
                long left = (closing && closeDeadline - end < 0 ? closeDeadline : end) - now;
                if (left <= 0) {
                    return true;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks the writer to drain until {@code deadlineNanos} (on the clock's monotonic scale) and stop. */
    void close(long deadlineNanos) {
        lock.lock();
        try {
            if (!closing) {
                closing = true;
                closeDeadline = deadlineNanos;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After the writer stopped or was given up on: counts what is still here as lost; returns that count. */
    long abandon() {
        lock.lock();
        try {
            long n = entries(waiting) + held;
            waiting.clear();
            settled += n;
            lost += n;
            held = 0;
            droppedSinceAccept = 0;
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every entry accepted before the call is settled; false on timeout. */
    boolean awaitSettled(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long target = accepted;
            long left = timeoutNanos;
            while (settled < target) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return waiting.size() + held;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    long lost() {
        lock.lock();
        try {
            return lost;
        } finally {
            lock.unlock();
        }
    }

    private boolean pastDeadline() {
        return clock.monotonicNanos() - closeDeadline >= 0;
    }

    private static int entries(Iterable<Item> items) {
        int n = 0;
        for (Item i : items) {
            if (!i.markerOnly()) {
                n++;
            }
        }
        return n;
    }
}
