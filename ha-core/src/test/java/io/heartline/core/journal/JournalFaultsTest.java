package io.heartline.core.journal;

import static io.heartline.core.journal.Disks.BOUND;
import static io.heartline.core.journal.Disks.entry;
import static io.heartline.core.journal.Disks.range;
import static io.heartline.core.journal.Disks.raw;
import static io.heartline.core.journal.Disks.seqs;
import static io.heartline.core.journal.Disks.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fails under the journal: nothing stalls, the listener hears it, and writing resumes. */
class JournalFaultsTest {
    @TempDir
    Path dir;

    /** Records the listener's calls. */
    static final class Heard implements JournalFaults {
        final CountDownLatch failed = new CountDownLatch(1);
        final CountDownLatch recovered = new CountDownLatch(1);
        final AtomicReference<IOException> cause = new AtomicReference<>();
        final AtomicLong lost = new AtomicLong(-1);

        @Override
        public void writeFailed(Path file, IOException e) {
            cause.set(e);
            failed.countDown();
        }

        @Override
        public void writeRecovered(Path file, long lostEntries) {
            lost.set(lostEntries);
            recovered.countDown();
        }

        boolean awaitFailed() throws InterruptedException {
            return failed.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        }

        boolean awaitRecovered() throws InterruptedException {
            return recovered.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void devFullIsReportedAndAppendStillReturnsAtOnce() throws Exception {
        Heard heard = new Heard();
        Path devFull = Path.of("/dev/full"); // every write: ENOSPC; a device, so never rotated
        Journal j = Journal.open(devFull, 100, 3, 50, heard);
        j.append(entry(0));
        assertTrue(heard.awaitFailed());
        assertTrue(heard.cause.get().getMessage().contains("No space left on device"), heard.cause.get().toString());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 1; i < 100; i++) {
                j.append(entry(i));
            }
        });
        assertEquals(50, j.queued());
        assertEquals(50, j.dropped());
        assertTrue(j.failures() >= 1);
        assertEquals(0, j.written());
        j.close(Duration.ofMillis(50));
        assertEquals(50, j.lost());
    }

    @Test
    void writingResumesWhenTheDiskRecoversWithTheGapMarked() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Heard heard = new Heard();
        Disks.Fillable disk = new Disks.Fillable();
        disk.partialBytes = 17; // each failed write leaves a cut line behind
        try (Journal j = new Journal(file, settings(1 << 20, 3, 3).withOpener(disk), heard)) {
            j.append(entry(0));
            assertTrue(j.sync(BOUND));
            disk.full.set(true);
            j.append(entry(1));
            assertTrue(heard.awaitFailed());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 2; i <= 5; i++) {
                    j.append(entry(i)); // 1 held by the writer, 2 and 3 wait, 4 and 5 are dropped
                }
            });
            assertEquals(3, j.queued());
            assertEquals(2, j.dropped());
            assertEquals(1, heard.recovered.getCount());
            disk.full.set(false);
            assertTrue(heard.awaitRecovered());
            assertEquals(2, heard.lost.get());
            assertTrue(j.sync(BOUND)); // the held and waiting entries first: until then the queue is still full
            j.append(entry(6));
            assertTrue(j.sync(BOUND));
            assertEquals(5, j.written());
            assertTrue(j.failures() >= 1);
            assertTrue(disk.opens.get() >= 2, "the file was reopened");
        }
        List<Map<String, Object>> lines = raw(file);
        assertNull(lines.get(1), "the cut line stays, as one damaged line"); // the first failed write's 17 bytes
        List<Map<String, Object>> read = Journal.read(file);
        assertEquals(range(1, 6), seqs(read));
        assertEquals(List.of(0, 1, 2, 3), read.subList(0, 4).stream().map(m -> ((Number) m.get("i")).intValue()).toList());
        assertEquals("journal-dropped", read.get(4).get("kind"));
        assertEquals(2, ((Number) read.get(4).get("dropped")).intValue());
        assertEquals(6, ((Number) read.get(5).get("i")).intValue());
    }

    @Test
    void aFailedFlushWhoseBytesReachedTheDiskIsNotWrittenTwice() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Heard heard = new Heard();
        Disks.Fillable disk = new Disks.Fillable();
        disk.failFlushOnlyOnce = true;
        try (Journal j = new Journal(file, settings(1 << 20, 3, 100).withOpener(disk), heard)) {
            disk.full.set(true);
            for (int i = 0; i < 5; i++) {
                j.append(entry(i));
            }
            assertTrue(heard.awaitFailed());
            assertTrue(heard.awaitRecovered());
            assertTrue(j.sync(BOUND));
            assertEquals(5, j.written());
        }
        assertEquals(range(1, 5), seqs(raw(file))); // raw: no line twice, none lost
    }

    @Test
    void aRemovedFileIsCreatedAgain() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (Journal j = new Journal(file)) {
            j.append(entry(0));
            assertTrue(j.sync(BOUND));
            Files.delete(file);
            j.append(entry(1));
            assertTrue(j.sync(BOUND));
            assertEquals(2, j.written());
        }
        assertEquals(List.of(2L), seqs(raw(file)));
    }
}
