package io.heartline.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupNotesTest {
    @TempDir
    Path dir;

    @Test
    void theLaunchersNotesBecomeJournalEntriesAtTheFilesTimeAndAreTakenOnce() throws IOException {
        CleanupNotes notes = new CleanupNotes(dir);
        Files.writeString(notes.file(), """
                exit service_result=signal exit_code=killed exit_status=KILL
                removed 10.0.0.10/24 eth0 web
                left 10.0.0.12/24 eth1 db RTNETLINK answers: Operation not permitted
                exit
                removed 10.0.0.11/24 eth0 -
                removed 10.0.0.13/2""");
        Instant written = Instant.parse("2026-01-02T03:04:05Z");
        Files.setLastModifiedTime(notes.file(), FileTime.from(written));

        List<JournalEntry> entries = notes.take("a");
        assertEquals(3, entries.size(), entries.toString()); // the last line, cut short, is skipped
        JournalEntry removed = entries.get(0);
        assertEquals("stale-vip-removed", removed.kind());
        assertEquals("web", removed.group());
        assertEquals(written, removed.time());
        assertEquals("a", removed.node());
        assertEquals("10.0.0.10/24 dev eth0", removed.fields().get("vip"));
        assertEquals("cleanup-vips", removed.fields().get("by"));
        assertEquals("service_result=signal exit_code=killed exit_status=KILL", removed.fields().get("daemon_exit"));
        JournalEntry left = entries.get(1);
        assertEquals("stale-vip-left", left.kind());
        assertEquals("RTNETLINK answers: Operation not permitted", left.fields().get("error"));
        assertTrue(left.cause().contains("Operation not permitted"), left.cause());
        assertEquals(null, entries.get(2).group());
        assertFalse(entries.get(2).fields().containsKey("daemon_exit"), "a second run without systemd's variables");

        assertFalse(Files.exists(notes.file()));
        assertEquals(List.of(), notes.take("a"));
    }
}
