package io.heartline.core.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the {@code heartline-journal} thread: takes what the queue holds, gives each line the
 * next {@code seq}, writes the batch, rotates when the file would pass its size, flushes once per
 * batch. A failed write keeps the batch, closes the file and retries after a backoff (first, doubling
 * up to max) until it succeeds or the journal's close deadline passes; reopening skips the lines the
 * disk already has, so a retry does not write a line twice.
 *
 * <p>Only this thread touches the file, the stream and the fields below except the counters.
 */
final class JournalWriter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);

    /** Opens the file for appending; tests inject one that fails or blocks. */
    interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    /** One encoded line of the batch being written. */
    private record Line(long seq, byte[] bytes, boolean entry) {
    }

    private final Path file;
    private final JournalSettings settings;
    private final JournalQueue queue;
    private final JournalFaults faults;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private long seq;
    private OutputStream out;
    private Object fileKey;
    private long size;
    private boolean rotatable;
    private String lastNode;
    // the current outage, if any
    private long failedAt = -1;
    private long droppedAtFailure;
    private long lastFailureLog;
    private long failuresSinceLog;

    JournalWriter(Path file, JournalSettings settings, JournalQueue queue, JournalFaults faults, long lastSeq) {
        this.file = file;
        this.settings = settings;
        this.queue = queue;
        this.faults = faults;
        this.seq = lastSeq;
    }

    /** Opens the file on the caller's thread, so that a journal that cannot be opened at all fails at start. */
    void openNow() throws IOException {
        open();
    }

    long written() {
        return written.get();
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<JournalQueue.Item> batch = queue.take();
                if (batch.isEmpty()) {
                    return;
                }
                boolean done = write(batch);
                queue.settle(batch, done);
                if (!done) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() gave up waiting for us: what is left is counted lost there
        } finally {
            closeQuietly();
        }
    }

    /** Writes the batch, retrying with backoff; false when the close deadline passed first. */
    private boolean write(List<JournalQueue.Item> batch) throws InterruptedException {
        List<Line> lines = encode(batch);
        int from = 0;
        long backoff = settings.retryFirst().toNanos();
        while (true) {
            IOException failure;
            try {
                if (out == null) {
                    open();
                    from = skipWritten(lines, from);
                } else {
                    reopenIfMoved();
                }
                writeFrom(lines, from);
                recovered();
                return true;
            } catch (PartialWrite e) {
                from = e.flushed;
                failure = e.failure();
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException(e.toString(), e);
            }
            failed(failure);
            closeQuietly();
            if (!queue.backoff(backoff)) {
                return false;
            }
            backoff = Math.min(backoff * 2, settings.retryMax().toNanos());
        }
    }

    private List<Line> encode(List<JournalQueue.Item> batch) {
        List<Line> lines = new ArrayList<>(batch.size() + 1);
        for (JournalQueue.Item item : batch) {
            if (item.droppedBefore() > 0) {
                JournalEntry marker = new JournalEntry(settings.clock().wallTime(), lastNode, "journal-dropped", null,
                        item.droppedBefore() + " entries dropped: the journal queue was full",
                        Map.of("dropped", item.droppedBefore()));
                add(lines, marker, false);
            }
            if (!item.markerOnly()) {
                lastNode = Objects.requireNonNullElse(item.entry().node(), lastNode);
                add(lines, item.entry(), true);
            }
        }
        return lines;
    }

    private void add(List<Line> lines, JournalEntry entry, boolean counted) {
        try {
            lines.add(new Line(seq + 1, JournalLines.encode(seq + 1, entry), counted));
            seq++;
        } catch (IOException | RuntimeException e) {
            log.error("journal entry {} cannot be written as JSON, skipped: {}", entry.kind(), e.toString());
        }
    }

    /** Writes lines from index {@code from}, rotating as needed, and flushes. */
    private void writeFrom(List<Line> lines, int from) throws IOException {
        int i = from;
        int flushed = from;
        try {
            for (; i < lines.size(); i++) {
                byte[] b = lines.get(i).bytes();
                if (rotatable && size > 0 && size + b.length > settings.maxFileBytes()) {
                    out.flush();
                    count(lines, flushed, i);
                    flushed = i;
                    rotate();
                }
                out.write(b);
                size += b.length;
            }
            out.flush();
            count(lines, flushed, i);
        } catch (IOException e) {
            throw new PartialWrite(flushed, e);
        }
    }

    private void count(List<Line> lines, int from, int to) {
        long n = lines.subList(from, to).stream().filter(Line::entry).count();
        written.addAndGet(n);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        JournalFiles.rotate(file, settings.keep());
        open();
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        OutputStream o = settings.opener().open(file);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            rotatable = attrs.isRegularFile(); // a device or pipe (/dev/full, a fifo) is written, never renamed
            fileKey = attrs.fileKey();
            size = attrs.size();
            if (rotatable && size > 0 && !JournalFiles.endsWithNewline(file)) {
                o.write('\n'); // a crash or a full disk cut the last line: end it, so it reads as one damaged line
                o.flush();
                size++;
            }
        } catch (IOException | RuntimeException e) {
            o.close();
            throw e;
        }
        out = o;
    }

    /** After a failure: lines the disk already has (the retry reopened the file) are not written again. */
    private int skipWritten(List<Line> lines, int from) throws IOException {
        long onDisk = JournalFiles.highestSeq(file);
        int i = from;
        while (i < lines.size() && lines.get(i).seq() <= onDisk) {
            i++;
        }
        count(lines, from, i);
        return i;
    }

    /** The file was removed or replaced (logrotate, an operator): write to a new one at the name. */
    private void reopenIfMoved() throws IOException {
        Object key;
        try {
            key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            key = null;
        }
        if (key == null || !key.equals(fileKey)) {
            log.warn("event journal {} was removed or replaced; writing to a new file", file);
            closeQuietly();
            open();
        }
    }

    private void failed(IOException e) {
        failures.incrementAndGet();
        long now = settings.clock().monotonicNanos();
        if (failedAt < 0) {
            failedAt = now;
            droppedAtFailure = queue.dropped();
            lastFailureLog = now;
            failuresSinceLog = 0;
            log.error("cannot write event journal {}: {} (keeping up to {} entries and retrying)", file, e.toString(),
                    settings.queueCapacity());
            report(() -> faults.writeFailed(file, e));
        } else {
            failuresSinceLog++;
            if (now - lastFailureLog >= settings.logEvery().toNanos()) {
                log.error("still cannot write event journal {}: {} ({} more failures, {} queued, {} dropped so far)",
                        file, e.toString(), failuresSinceLog, queue.queued(), queue.dropped() - droppedAtFailure);
                lastFailureLog = now;
                failuresSinceLog = 0;
            }
        }
    }

    private void recovered() {
        if (failedAt < 0) {
            return;
        }
        long lostEntries = queue.dropped() - droppedAtFailure;
        failedAt = -1;
        log.warn("event journal {} is writable again; {} entries dropped while it was not", file, lostEntries);
        report(() -> faults.writeRecovered(file, lostEntries));
    }

    private void report(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("journal fault listener failed: {}", e.toString(), e);
        }
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            log.debug("closing event journal {}: {}", file, e.toString());
        }
        out = null;
    }

    /** A write that failed after {@code flushed} lines of the batch were flushed. */
    private static final class PartialWrite extends IOException {
        final int flushed;

        PartialWrite(int flushed, IOException cause) {
            super(cause.toString(), cause);
            this.flushed = flushed;
        }

        IOException failure() {
            return (IOException) getCause();
        }
    }
}
