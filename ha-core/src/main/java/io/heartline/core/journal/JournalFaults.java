package io.heartline.core.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Hears when the journal stops and starts being written (the daemon turns these into an alert and a
 * metric). Called on the journal's writer thread, once per outage each: keep it short and do not
 * block. An exception thrown here is logged and otherwise ignored.
 */
public interface JournalFaults {
    /** Nothing to hear: for tests and tools. */
    JournalFaults NONE = new JournalFaults() {
        @Override
        public void writeFailed(Path file, IOException cause) {
        }

        @Override
        public void writeRecovered(Path file, long lostEntries) {
        }
    };

    /** The first failed write of an outage; the journal keeps what it can hold and retries. */
    void writeFailed(Path file, IOException cause);

    /** Writes succeed again; {@code lostEntries} were dropped during the outage (the queue was full). */
    void writeRecovered(Path file, long lostEntries);
}
