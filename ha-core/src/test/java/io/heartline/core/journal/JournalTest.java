package io.heartline.core.journal;

import static io.heartline.core.journal.Disks.BOUND;
import static io.heartline.core.journal.Disks.entry;
import static io.heartline.core.journal.Disks.range;
import static io.heartline.core.journal.Disks.raw;
import static io.heartline.core.journal.Disks.seqs;
import static io.heartline.core.journal.Disks.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void linesKeepTheirOrderAndSeqContinuesAcrossRestarts() throws Exception {
        Path file = dir.resolve("state/events.jsonl");
        try (Journal j = new Journal(file)) {
            for (int i = 0; i < 100; i++) {
                j.append(entry(i));
            }
        } // close drains
        try (Journal j = new Journal(file)) {
            for (int i = 100; i < 150; i++) {
                j.append(entry(i));
            }
            assertTrue(j.sync(BOUND));
            assertEquals(50, j.written());
        }
        List<Map<String, Object>> lines = raw(file);
        assertEquals(range(1, 150), seqs(lines));
        for (int i = 0; i < 150; i++) {
            assertEquals(i, ((Number) lines.get(i).get("i")).intValue());
            assertEquals("entry " + i, lines.get(i).get("cause"));
        }
        assertEquals(lines, Journal.read(file));
    }

    @Test
    void seqContinuesFromTheRotatedFilesWhenTheCurrentOneIsNew() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (Journal j = new Journal(file, settings(200, 3, 100), JournalFaults.NONE)) {
            for (int i = 0; i < 10; i++) {
                j.append(entry(i));
            }
        }
        Files.delete(file); // as if removed by hand: the newest seq left is in events.jsonl.1
        List<Long> left = seqs(raw(file));
        long newest = left.get(left.size() - 1);
        assertTrue(newest > 1, "rotated files hold lines: " + left);
        try (Journal j = new Journal(file)) {
            j.append(entry(10));
        }
        assertEquals(List.of(newest + 1), seqs(raw(file).subList(left.size(), left.size() + 1)));
    }

    @Test
    void rotationKeepsExactlyKeepFilesEachWithinTheSize() throws Exception {
        Path file = dir.resolve("events.jsonl");
        int keep = 3;
        long max = 1_000;
        try (Journal j = new Journal(file, settings(max, keep, 1_000), JournalFaults.NONE)) {
            for (int i = 0; i < 500; i++) {
                j.append(entry(i));
            }
            assertTrue(j.sync(BOUND));
            assertEquals(500, j.written());
        }
        assertEquals(List.of(JournalFiles.rotated(file, 1), JournalFiles.rotated(file, 2), JournalFiles.rotated(file, 3)),
                JournalFiles.rotatedFiles(file));
        for (Path p : List.of(file, JournalFiles.rotated(file, 1), JournalFiles.rotated(file, 2),
                JournalFiles.rotated(file, 3))) {
            assertTrue(Files.size(p) <= max, p + " is " + Files.size(p) + " bytes");
        }
        List<Long> seqs = seqs(raw(file));
        assertEquals(500L, seqs.get(seqs.size() - 1));
        assertEquals(range(seqs.get(0), 500), seqs); // the oldest went whole files at a time, nothing in between
    }

    @Test
    void noLineIsLostOrRepeatedAcrossRotations() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (Journal j = new Journal(file, settings(700, 1000, 2_000), JournalFaults.NONE)) {
            for (int i = 0; i < 1_000; i++) {
                j.append(entry(i));
            }
            assertTrue(j.sync(BOUND));
        }
        assertTrue(JournalFiles.rotatedFiles(file).size() > 100, "many rotations happened");
        List<Map<String, Object>> lines = raw(file);
        assertEquals(range(1, 1_000), seqs(lines));
        assertEquals(lines, Journal.read(file));
    }

    @Test
    void aFullQueueDropsAndThenMarksTheGap() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Disks.Gate gate = new Disks.Gate();
        try (Journal j = new Journal(file, settings(1 << 20, 3, 10).withOpener(gate), JournalFaults.NONE)) {
            j.append(entry(0));
            assertTrue(gate.awaitEntered()); // the writer holds entry 0, stuck in its write
            for (int i = 1; i <= 30; i++) {
                j.append(entry(i));
            }
            assertEquals(10, j.queued()); // 0 held, 1..9 waiting
            assertEquals(21, j.dropped());
            gate.release();
            assertTrue(j.sync(BOUND));
            j.append(entry(31));
            assertTrue(j.sync(BOUND));
            assertEquals(11, j.written());
        }
        List<Map<String, Object>> lines = raw(file);
        assertEquals(range(1, 12), seqs(lines));
        for (int i = 0; i <= 9; i++) {
            assertEquals(i, ((Number) lines.get(i).get("i")).intValue());
        }
        Map<String, Object> marker = lines.get(10);
        assertEquals("journal-dropped", marker.get("kind"));
        assertEquals(21, ((Number) marker.get("dropped")).intValue());
        assertEquals("node-a", marker.get("node"));
        assertEquals(31, ((Number) lines.get(11).get("i")).intValue());
    }

    @Test
    void appendsReturnAtOnceWhileTheWriterIsStuck() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Disks.Gate gate = new Disks.Gate();
        try (Journal j = new Journal(file, settings(Journal.DEFAULT_MAX_FILE_BYTES, 3,
                Journal.DEFAULT_QUEUE_CAPACITY).withOpener(gate), JournalFaults.NONE)) {
            j.append(entry(0));
            assertTrue(gate.awaitEntered());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 1; i <= 10_000; i++) {
                    j.append(entry(i));
                }
            });
            assertEquals(Journal.DEFAULT_QUEUE_CAPACITY, j.queued());
            assertEquals(10_001 - Journal.DEFAULT_QUEUE_CAPACITY, j.dropped());
            gate.release();
            assertTrue(j.sync(BOUND));
            assertEquals(Journal.DEFAULT_QUEUE_CAPACITY, j.written());
            assertEquals(0, j.queued());
        }
        List<Map<String, Object>> lines = raw(file);
        assertEquals(Journal.DEFAULT_QUEUE_CAPACITY + 1, lines.size());
        assertEquals("journal-dropped", lines.get(lines.size() - 1).get("kind"));
    }

    @Test
    void closeGivesUpOnAStuckWriterWithinItsBoundAndCountsTheRestLost() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Disks.Gate gate = new Disks.Gate();
        Journal j = new Journal(file, settings(1 << 20, 3, 100).withOpener(gate), JournalFaults.NONE);
        j.append(entry(0));
        assertTrue(gate.awaitEntered());
        for (int i = 1; i < 5; i++) {
            j.append(entry(i));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> j.close(Duration.ofMillis(100)));
        assertEquals(5, j.lost());
        j.append(entry(5)); // after close: counted, not thrown
        assertEquals(6, j.lost());
        assertEquals(0, j.queued());
        assertFalse(j.sync(Duration.ZERO) && j.written() > 0);
    }

    @Test
    void boundsAreCheckedAtOpen() {
        Path file = dir.resolve("events.jsonl");
        assertThrows(IllegalArgumentException.class, () -> Journal.open(file, 0, 10, 10, JournalFaults.NONE));
        assertThrows(IllegalArgumentException.class, () -> Journal.open(file, 100, -1, 10, JournalFaults.NONE));
        assertThrows(IllegalArgumentException.class, () -> Journal.open(file, 100, 10, 0, JournalFaults.NONE));
    }

    @Test
    void aFileThatCannotBeOpenedFailsAtOpen() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "");
        assertThrows(IOException.class, () -> new Journal(blocker.resolve("events.jsonl")));
    }
}
