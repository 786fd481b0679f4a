package io.heartline.core.journal;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Test disks for the journal's writer (one that blocks, one that fills up) and raw views of its files. */
final class Disks {
    static final Instant T0 = Instant.parse("2026-11-21T22:00:00Z");
    static final Duration BOUND = Duration.ofSeconds(20);

    private Disks() {
    }

    static JournalEntry entry(int i) {
        return new JournalEntry(T0.plusSeconds(i), "node-a", "test", "web", "entry " + i, Map.of("i", i));
    }

    static JournalSettings settings(long maxFileBytes, int keep, int capacity) {
        return JournalSettings.of(maxFileBytes, keep, capacity).withRetry(Duration.ofMillis(1), Duration.ofMillis(20));
    }

    /** Every line of every file, oldest file first, as written: no dedupe, damaged lines as null. */
    static List<Map<String, Object>> raw(Path file) throws IOException {
        List<Path> files = new ArrayList<>(JournalFiles.rotatedFiles(file));
        java.util.Collections.reverse(files);
        files.add(file);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path p : files) {
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                try {
                    out.add(JSON.std.mapFrom(line));
                } catch (IOException e) {
                    out.add(null);
                }
            }
        }
        return out;
    }

    static List<Long> seqs(List<Map<String, Object>> lines) {
        return lines.stream().map(m -> m == null ? -1L : ((Number) m.get("seq")).longValue()).toList();
    }

    static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }

    static OutputStream append(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The first write blocks until {@link #release()}; {@link #entered} tells that the writer is in it. */
    static final class Gate implements JournalWriter.Opener {
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        void release() {
            open.countDown();
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public OutputStream open(Path file) throws IOException {
            return new FilterOutputStream(append(file)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    entered.countDown();
                    try {
                        if (!open.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IOException("test gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted at the test gate");
                    }
                    out.write(b, off, len);
                }
            };
        }
    }

    /**
     * A disk that can be made full: while {@link #full} is set, writes fail with ENOSPC's message after
     * letting {@code partialBytes} of each write through (a cut line), and flushes fail.
     */
    static final class Fillable implements JournalWriter.Opener {
        final AtomicBoolean full = new AtomicBoolean();
        final AtomicInteger opens = new AtomicInteger();
        volatile int partialBytes;
        volatile boolean failFlushOnlyOnce;

        @Override
        public OutputStream open(Path file) throws IOException {
            opens.incrementAndGet();
            return new FilterOutputStream(append(file)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (full.get() && !failFlushOnlyOnce) {
                        out.write(b, off, Math.min(len, partialBytes));
                        throw new IOException("No space left on device");
                    }
                    out.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                    if (full.get() && failFlushOnlyOnce) {
                        full.set(false); // the bytes went through; only the report of it failed
                        throw new IOException("Input/output error");
                    }
                }
            };
        }
    }
}
