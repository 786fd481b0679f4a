package io.heartline.core.journal;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event journal: one JSON object per line in {@code <state-dir>/events.jsonl}, appended and
 * flushed per entry (state changes are rare; losing the last one in a crash is what we avoid).
 * Used from the event-loop thread only.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private final Path file;
    private final BufferedWriter out;
    private long failures;

    public Journal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public Path file() {
        return file;
    }

    /** Appends one entry. A write failure is logged and counted, never thrown into the caller's failover path. */
    public synchronized void append(JournalEntry entry) {
        try {
            out.write(JSON.std.asString(entry.toMap()));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failures++;
            log.error("cannot write event journal {}: {}", file, e.toString());
        }
    }

    public long failures() {
        return failures;
    }

    /** Every entry so far, read under the writer's lock so that no half-written line is seen. */
    public synchronized List<Map<String, Object>> entries() throws IOException {
        out.flush();
        return read(file);
    }

    /** Reads every entry of a journal file as maps (for {@code hactl events} and tests); bad lines are skipped. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.std.mapFrom(line));
            } catch (IOException e) {
                log.warn("skipping a damaged journal line in {}: {}", file, e.getMessage());
            }
        }
        return entries;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
