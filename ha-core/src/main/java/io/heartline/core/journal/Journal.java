package io.heartline.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event journal: one JSON object per line in {@code <state-dir>/events.jsonl}, each with a
 * {@code seq} that grows by one per line, also across restarts and rotations.
 *
 * <pre>
 *  any thread ── append ──▶ bounded queue ──▶ "heartline-journal" thread ──▶ events.jsonl
 *  (never waits)            (full: dropped,     (seq, rotate, flush per      events.jsonl.1 … .keep
 *                            counted)            batch, retry on failure)          ▲
 *  any thread ── JournalReader.read(file, afterSeq, since, limit) ─── no lock ─────┘
 * </pre>
 *
 * <p>{@link #append} takes a short lock to queue the entry and returns: it never does I/O, never
 * waits for the disk and never throws, so the daemon's event loop can call it in the failover path.
 * When the queue is full the entry is dropped and counted, and the writer later writes a
 * {@code journal-dropped} line (field {@code dropped}: how many) where the gap is. When a write
 * fails (disk full, read-only, file removed) the writer keeps the batch, tells the {@link
 * JournalFaults}, logs (the first failure, then at most once a minute), and retries with a backoff
 * of {@value #RETRY_FIRST_MS} ms doubling to {@value #RETRY_MAX_MS} ms, reopening the file, until it
 * succeeds or the journal is closed. Lines are flushed once per batch, not fsynced.
 *
 * <p>Counters for metrics: every appended entry ends up in exactly one of {@link #written()}, {@link
 * #dropped()}, {@link #lost()} or, for now, {@link #queued()}.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_KEEP = 10;
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(2);
    static final long RETRY_FIRST_MS = 100;
    static final long RETRY_MAX_MS = 5_000;
    static final Duration RETRY_FIRST = Duration.ofMillis(RETRY_FIRST_MS);
    static final Duration RETRY_MAX = Duration.ofMillis(RETRY_MAX_MS);
    static final Duration FAILURE_LOG_EVERY = Duration.ofMinutes(1);
    /** How long close waits for a writer stuck in a write after interrupting it. */
    private static final Duration STUCK_WRITER_WAIT = Duration.ofMillis(500);

    private final Path file;
    private final JournalSettings settings;
    private final JournalQueue queue;
    private final JournalWriter writer;
    private final Thread thread;
    private final Object closeLock = new Object();
    private boolean closed;

    /** A journal with the defaults: 16 MiB files, 10 kept, 4,096 queued entries, no fault listener. */
    public Journal(Path file) throws IOException {
        this(file, JournalSettings.defaults(), JournalFaults.NONE);
    }

    /**
     * Opens (creating the directory and the file if need be) and starts the writer thread. Fails
     * only when the file cannot be opened at all now or the existing files cannot be read for their
     * last seq; later failures are the writer's to retry.
     *
     * @param maxFileBytes  rotate {@code events.jsonl} before a line would take it past this size
     * @param keep          rotated files kept, {@code events.jsonl.1} (newest) to {@code .keep}; 0 keeps none
     * @param queueCapacity entries held for the writer (waiting or being retried); more are dropped
     * @throws IllegalArgumentException when a bound is out of range (size &lt; 1, keep outside 0–1000, capacity &lt; 1)
     */
    public static Journal open(Path file, long maxFileBytes, int keep, int queueCapacity, JournalFaults faults)
            throws IOException {
        return new Journal(file, JournalSettings.of(maxFileBytes, keep, queueCapacity), faults);
    }

    Journal(Path file, JournalSettings settings, JournalFaults faults) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.settings = settings;
        Files.createDirectories(file.toAbsolutePath().getParent());
        long lastSeq = JournalFiles.highestSeq(file);
        this.queue = new JournalQueue(settings.queueCapacity(), settings.clock());
        this.writer = new JournalWriter(file, settings, queue, Objects.requireNonNull(faults, "faults"), lastSeq);
        writer.openNow();
        this.thread = new Thread(writer, "heartline-journal");
        thread.setDaemon(true); // a writer stuck on a dead disk must not hold the JVM up
        thread.start();
    }

    public Path file() {
        return file;
    }

    /**
     * Queues one entry for the writer and returns at once. Never blocks on I/O and never throws: a
     * full queue drops the entry (see {@link #dropped()}), a closed journal loses it (see {@link #lost()}).
     */
    public void append(JournalEntry entry) {
        if (entry == null) {
            log.warn("a null journal entry was appended and ignored");
            return;
        }
        queue.offer(entry);
    }

    /** Entries written to the file (not counting the journal's own {@code journal-dropped} lines). */
    public long written() {
        return writer.written();
    }

    /** Entries refused because the queue was full. */
    public long dropped() {
        return queue.dropped();
    }

    /** Failed write attempts, retries included. */
    public long failures() {
        return writer.failures();
    }

    /** Entries waiting for the writer or held by it for a retry. */
    public int queued() {
        return queue.queued();
    }

    /** Entries given up: still queued when {@link #close()}'s wait ended, or appended after close. */
    public long lost() {
        return queue.lost();
    }

    /**
     * Waits until every entry appended before this call has been written (or given up at close);
     * false when {@code timeout} passed first (a slow or failing disk). For readers that want their
     * own last entries, and for tests; never call it from the event loop.
     */
    public boolean sync(Duration timeout) throws InterruptedException {
        return queue.awaitSettled(timeout.toNanos());
    }

    /**
     * Every entry of the journal and its rotated files, oldest first, read without the writer's lock
     * (entries still queued are not in it). Prefer {@link JournalReader#read} pages.
     */
    public List<Map<String, Object>> entries() throws IOException {
        return JournalReader.readAll(file);
    }

    /** Every entry of a journal and its rotated files as maps, oldest first; damaged lines are skipped. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        return JournalReader.readAll(file);
    }

    /** Lets the writer drain for up to {@link #DEFAULT_CLOSE_WAIT}, then stops it; see {@link #close(Duration)}. */
    @Override
    public void close() throws IOException {
        close(settings.closeWait());
    }

    /**
     * Lets the writer drain the queue for up to {@code wait}, then stops it and closes the file.
     * Entries still queued after that (a failing or stuck disk) are counted in {@link #lost()} and
     * logged. Idempotent; does not throw for a failing disk.
     */
    public void close(Duration wait) throws IOException {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.close(settings.clock().monotonicNanos() + wait.toNanos());
        boolean interrupted = false;
        try {
            thread.join(Math.max(1, wait.toMillis()) + STUCK_WRITER_WAIT.toMillis());
            if (thread.isAlive()) {
                thread.interrupt(); // stuck inside a write: an interruptible channel gives up
                thread.join(STUCK_WRITER_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        long lostNow = queue.abandon();
        if (lostNow > 0) {
            log.error("event journal {} closed with {} entries not written (lost)", file, lostNow);
        }
        if (thread.isAlive()) {
            log.error("event journal writer for {} did not stop; leaving it behind", file);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
