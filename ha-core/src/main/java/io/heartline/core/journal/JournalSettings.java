package io.heartline.core.journal;

import io.heartline.core.Clock;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * Every bound of a journal, checked once here. Only the first three are public knobs (through
 * {@link Journal#open}); the rest are the fixed defaults, open to tests in this package.
 *
 * @param maxFileBytes the size past which {@code events.jsonl} is rotated (a single longer line still goes in a file of its own)
 * @param keep         rotated files kept ({@code events.jsonl.1} … {@code .keep}); 0 keeps none
 * @param queueCapacity entries waiting for the writer or being retried; more are dropped and counted
 * @param closeWait    how long {@link Journal#close()} lets the writer drain
 * @param retryFirst   the first backoff after a failed write; it doubles up to {@code retryMax}
 * @param logEvery     during an outage, a failure is logged at most this often (the first one always)
 */
record JournalSettings(long maxFileBytes, int keep, int queueCapacity, Duration closeWait, Duration retryFirst,
        Duration retryMax, Duration logEvery, Clock clock, JournalWriter.Opener opener) {
    static final int MAX_KEEP = 1000;

    JournalSettings {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("journal maxFileBytes must be at least 1, got " + maxFileBytes);
        }
        if (keep < 0 || keep > MAX_KEEP) {
            throw new IllegalArgumentException("journal keep must be from 0 to " + MAX_KEEP + ", got " + keep);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("journal queueCapacity must be at least 1, got " + queueCapacity);
        }
        for (Duration d : new Duration[] {closeWait, retryFirst, retryMax, logEvery}) {
            if (Objects.requireNonNull(d, "journal duration").isNegative()) {
                throw new IllegalArgumentException("journal durations must not be negative, got " + d);
            }
        }
        if (retryFirst.isZero() || retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("journal retry backoff must be 0 < first <= max, got " + retryFirst
                    + " and " + retryMax);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(opener, "opener");
    }

    static JournalSettings defaults() {
        return of(Journal.DEFAULT_MAX_FILE_BYTES, Journal.DEFAULT_KEEP, Journal.DEFAULT_QUEUE_CAPACITY);
    }

    static JournalSettings of(long maxFileBytes, int keep, int queueCapacity) {
        return new JournalSettings(maxFileBytes, keep, queueCapacity, Journal.DEFAULT_CLOSE_WAIT,
                Journal.RETRY_FIRST, Journal.RETRY_MAX, Journal.FAILURE_LOG_EVERY, Clock.system(),
                file -> new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE), 64 * 1024));
    }

    JournalSettings withOpener(JournalWriter.Opener o) {
        return new JournalSettings(maxFileBytes, keep, queueCapacity, closeWait, retryFirst, retryMax, logEvery, clock, o);
    }

    JournalSettings withRetry(Duration first, Duration max) {
        return new JournalSettings(maxFileBytes, keep, queueCapacity, closeWait, first, max, logEvery, clock, opener);
    }

    JournalSettings withCloseWait(Duration wait) {
        return new JournalSettings(maxFileBytes, keep, queueCapacity, wait, retryFirst, retryMax, logEvery, clock, opener);
    }
}
