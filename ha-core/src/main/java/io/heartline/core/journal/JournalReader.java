package io.heartline.core.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal, its rotated files oldest first, from any thread, without any lock of the writer's.
 *
 * <p>The writer only appends and renames. The reader lists the files with their file keys (inodes),
 * opens them, and lists again: when the two listings differ a rotation ran meanwhile and it opens
 * them again, so that it reads one consistent set. After five tries it reads what it has, and a
 * page then ends before the first gap in {@code seq} (the writer numbers lines one by one, so a gap
 * in such a set is a file renamed under the reader, not lost lines): the next page, from the
 * returned cursor, reads them from a fresh listing. Lines are taken only when their {@code seq} is
 * above every seq taken so far, which keeps the order and drops any repeat, should a file still be
 * seen under two names. Lines written after the read opened the current file are not in it: the
 * next page, from the returned cursor, has them.
 *
 * <p>Skipped without failing the read: lines that are not JSON objects, lines longer than 1 MiB, a
 * last line without its newline (being written now, or cut by a crash), and in {@link #read(Path,
 * long, Instant, int) pages} lines without a valid {@code time}. Lines without {@code seq} (written
 * before it existed) come only from {@link #FROM_START}.
 */
public final class JournalReader {
    private static final Logger log = LoggerFactory.getLogger(JournalReader.class);

    /** The cursor before everything, including lines older than {@code seq}; any cursor ≥ 0 is after them. */
    public static final long FROM_START = -1;
    private static final int SNAPSHOT_TRIES = 5;

    private JournalReader() {
    }

    /**
     * Up to {@code limit} entries with a seq above {@code afterSeq} and a time not before {@code since}
     * (null: any), oldest first.
     */
    public static JournalPage read(Path file, long afterSeq, Instant since, int limit) throws IOException {
        return read(file, afterSeq, since, limit, SNAPSHOT_TRIES);
    }

    /** {@link #read(Path, long, Instant, int)} with fewer tries at a consistent listing (tests: 1 makes renames under the reader common). */
    static JournalPage read(Path file, long afterSeq, Instant since, int limit, int snapshotTries) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Scan scan = new Scan(afterSeq, since, limit, true);
        scanFiles(file, scan, snapshotTries);
        if (scan.stoppedAtGap) {
            log.debug("journal page after seq {} ends at seq {}: files were renamed while it read", afterSeq,
                    Math.max(afterSeq, scan.highestSeen));
        }
        long next = scan.out.isEmpty() || scan.highestTaken <= afterSeq ? afterSeq : scan.highestTaken;
        return new JournalPage(scan.out, Math.max(0, next));
    }

    /** Every entry of the journal and its rotated files, oldest first (for tests and tools; prefer pages). */
    public static List<Map<String, Object>> readAll(Path file) throws IOException {
        Scan scan = new Scan(FROM_START, null, Integer.MAX_VALUE, false);
        scanFiles(file, scan, SNAPSHOT_TRIES);
        return scan.out;
    }

    private static void scanFiles(Path file, Scan scan, int tries) throws IOException {
        Snapshot snapshot = openSnapshot(file, tries);
        List<FileChannel> newestFirst = snapshot.newestFirst();
        scan.contiguous = !snapshot.consistent() && scan.strict;
        try {
            List<FileChannel> oldestFirst = new ArrayList<>(newestFirst);
            Collections.reverse(oldestFirst);
            for (FileChannel ch : oldestFirst) {
                if (scan.full() || scan.stoppedAtGap) {
                    break;
                }
                if (scan.afterSeq >= 0) {
                    long last = JournalFiles.lastSeq(ch);
                    if (last != JournalFiles.UNKNOWN && last <= Math.max(scan.afterSeq, scan.highestSeen)) {
                        continue; // nothing new in this file
                    }
                }
                JournalLines.scan(ch, scan::line);
            }
        } finally {
            closeAll(newestFirst);
        }
        if (scan.damaged > 0) {
            log.debug("skipped {} damaged journal lines in {} and its rotated files", scan.damaged, file);
        }
    }

    /**
     * Opens the current file and the rotated ones, newest first, between two identical listings
     * (names and file keys), so that no rename happened while opening; tries again otherwise, and
     * after {@code tries} tries reads what it has (and says so).
     */
    private static Snapshot openSnapshot(Path file, int tries) throws IOException {
        List<FileChannel> opened = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            List<Named> before = listing(file);
            try {
                for (Named n : before) {
                    open(n.path(), opened);
                }
            } catch (IOException | RuntimeException e) {
                closeAll(opened);
                throw e;
            }
            boolean consistent = before.equals(listing(file));
            if (consistent || attempt >= tries) {
                return new Snapshot(opened, consistent);
            }
            closeAll(opened);
            opened.clear();
        }
    }

    private record Named(Path path, Object key) {
    }

    /** The opened files, newest first; {@code consistent} when no rename ran while they were opened. */
    private record Snapshot(List<FileChannel> newestFirst, boolean consistent) {
    }

    private static List<Named> listing(Path file) throws IOException {
        List<Named> all = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        paths.add(file);
        paths.addAll(JournalFiles.rotatedFiles(file));
        for (Path p : paths) {
            try {
                all.add(new Named(p, Files.readAttributes(p, BasicFileAttributes.class).fileKey()));
            } catch (NoSuchFileException e) {
                // not there (yet), or renamed since listed: the second listing will differ
            }
        }
        return all;
    }

    private static void open(Path p, List<FileChannel> into) throws IOException {
        try {
            into.add(FileChannel.open(p));
        } catch (NoSuchFileException e) {
            // renamed since listed: the second listing will differ
        }
    }

    private static void closeAll(List<FileChannel> channels) throws IOException {
        IOException first = null;
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The state of one read across its files. */
    private static final class Scan {
        final long afterSeq;
        final Instant since;
        final int limit;
        final boolean strict;
        final List<Map<String, Object>> out = new ArrayList<>();
        long highestSeen;
        long highestTaken;
        int damaged;
        /** Take only the seq right after the last one seen (files were renamed while opening them). */
        boolean contiguous;
        boolean stoppedAtGap;

        Scan(long afterSeq, Instant since, int limit, boolean strict) {
            this.afterSeq = afterSeq;
            this.since = since;
            this.limit = limit;
            this.strict = strict;
        }

        boolean full() {
            return out.size() >= limit;
        }

        boolean line(byte[] buf, int off, int len) {
            long quick = JournalLines.quickSeq(buf, off, len);
            if (quick >= 0 && (quick <= afterSeq || quick <= highestSeen)) {
                return true; // before the cursor, or a repeat: not worth parsing
            }
            Map<String, Object> m = JournalLines.parse(buf, off, len);
            if (m == null) {
                damaged++;
                return true;
            }
            long seq = JournalLines.seqOf(m);
            if (seq == 0 ? afterSeq >= 0 || highestSeen > 0 : seq <= afterSeq || seq <= highestSeen) {
                return true;
            }
            if (contiguous && seq != Math.max(afterSeq, highestSeen) + 1) {
                stoppedAtGap = true;
                return false;
            }
            highestSeen = Math.max(highestSeen, seq);
            if (strict || since != null) {
                Instant time = time(m);
                if (time == null) {
                    damaged++;
                    return true;
                }
                if (since != null && time.isBefore(since)) {
                    return true;
                }
            }
            out.add(m);
            highestTaken = Math.max(highestTaken, seq);
            return !full();
        }

        private static Instant time(Map<String, Object> m) {
            try {
                return m.get("time") instanceof String s ? Instant.parse(s) : null;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
