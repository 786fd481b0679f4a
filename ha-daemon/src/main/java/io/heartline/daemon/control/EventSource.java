package io.heartline.daemon.control;

import io.heartline.core.journal.JournalPage;
import java.io.IOException;
import java.time.Instant;

/**
 * The journal as {@code hactl events} reads it: a page of entries with a sequence number above
 * {@code afterSeq} ({@code -1}: from the start), none before {@code since} (null: any), at most
 * {@code limit}; each a map with {@code seq}, {@code time}, {@code node}, {@code kind},
 * {@code group}, {@code cause} and its own fields. Reads files without any lock the writer or the
 * loop holds; it blocks on disk, so the control room calls it off the selector.
 */
@FunctionalInterface
public interface EventSource {
    JournalPage read(long afterSeq, Instant since, int limit) throws IOException;
}
