package io.heartline.stonith;

import io.heartline.core.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The last {@code capacity} finished fence requests, oldest first; thread-safe. */
public final class FenceHistory {
    /** How many entries {@link FenceExecutor} keeps unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 50;

    private final int capacity;
    private final Deque<FenceRecord> entries = new ArrayDeque<>();

    public FenceHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(FenceRecord r) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(r);
    }

    /** A copy of the entries, oldest first. */
    public synchronized List<FenceRecord> entries() {
        return new ArrayList<>(entries);
    }

    /** The newest entry for {@code node}, if any is still kept. */
    public synchronized Optional<FenceRecord> last(NodeId node) {
        for (Iterator<FenceRecord> it = entries.descendingIterator(); it.hasNext(); ) {
            FenceRecord r = it.next();
            if (r.node().equals(node)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public int capacity() {
        return capacity;
    }
}
