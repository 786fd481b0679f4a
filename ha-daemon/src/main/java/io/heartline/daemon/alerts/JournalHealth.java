package io.heartline.daemon.alerts;

import io.heartline.core.journal.JournalFaults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the event journal is being written. A journal that cannot be written (disk full,
 * read-only file system) never stalls the loop: its writer keeps what it can and retries, and this
 * turns each outage into a log line, an alert (through {@link AlertService}, which subscribes) and
 * a status field. Built before the journal it watches, so that its first failure is heard.
 */
public final class JournalHealth implements JournalFaults {
    private static final Logger log = LoggerFactory.getLogger(JournalHealth.class);
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private volatile String fault;

    /** Null while the journal is written; otherwise what failed. */
    public String fault() {
        return fault;
    }

    /** {@code listener} hears a line for each outage and each recovery. */
    void subscribe(Consumer<String> listener) {
        subscribers.add(listener);
    }

    @Override
    public void writeFailed(Path file, IOException cause) {
        fault = "cannot write " + file + ": " + cause.getMessage();
        log.error("event journal: {}; entries are held in memory (bounded) and the writer retries", fault);
        tell("event journal " + file + " cannot be written: " + cause.getMessage());
    }

    @Override
    public void writeRecovered(Path file, long lostEntries) {
        fault = null;
        log.warn("event journal {} is written again ({} entries lost during the outage)", file, lostEntries);
        tell("event journal " + file + " is written again; " + lostEntries + " entries lost during the outage");
    }

    private void tell(String what) {
        for (Consumer<String> s : subscribers) {
            s.accept(what);
        }
    }
}
