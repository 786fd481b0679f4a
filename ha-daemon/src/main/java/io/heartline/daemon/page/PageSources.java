package io.heartline.daemon.page;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where the status page's data comes from: the very answers {@code hactl status} and
 * {@code hactl events} get from the control room, so the page never reads cluster state itself.
 */
public interface PageSources {
    /**
     * {@code hactl status}'s answer ({@code {"ok":true,"result":{...}}} or an error), built on the
     * event loop from one state snapshot. Returns at once; the future completes within the control
     * room's query bound.
     */
    CompletableFuture<Map<String, Object>> status();

    /**
     * {@code hactl events}' answer for the page after the cursor {@code after} (null: from the
     * start), at most {@code limit} entries: {@code events} and the {@code next} cursor. Reads the
     * journal on the calling thread (it may block on disk).
     */
    Map<String, Object> events(Long after, int limit);

    /** Entries the journal has written so far: while it stays the same there is nothing new to read. */
    long journalWritten();
}
