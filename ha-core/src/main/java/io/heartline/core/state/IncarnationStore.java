package io.heartline.core.state;

import io.heartline.core.Clock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The incarnation of this node's daemon ({@code <state-dir>/incarnation}): the number every beacon
 * of one run carries, so that peers tell a restart (a higher incarnation: a fresh replay window)
 * from a replay (a lower one: refused as {@code OLD_INCARNATION}).
 *
 * <p>{@link #next()} is called once at start, before the first beacon, and returns
 * {@code max(last + 1, wall-clock millis)}, written durably before it is returned:
 * <ul>
 *   <li>a restart with the clock set back still gets a higher number than the run before (the
 *       wall clock alone, as before this store existed, gave a lower one, and peers that still
 *       remembered the old run refused every beacon of the new one until they restarted);</li>
 *   <li>the first start after upgrading from wall-clock incarnations, and a start with a wiped
 *       state directory, fall back to the wall clock: higher than any earlier run's number as
 *       long as the clock is not behind the time that run started. A wiped state directory
 *       <em>and</em> a clock behind is the one case peers refuse this node's beacons
 *       ({@code OLD_INCARNATION}) until their own daemons restart; it is logged by them as a
 *       rejection, never taken as a liveness signal.</li>
 * </ul>
 * A damaged file is an error (fix or remove it: removing falls back to the wall clock).
 */
public final class IncarnationStore {
    private final Path file;
    private final Clock clock;

    public IncarnationStore(Path stateDir, Clock clock) {
        this.file = stateDir.resolve("incarnation");
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** The incarnation of the run now starting: higher than any stored before, kept on disk before it returns. */
    public long next() throws IOException {
        long last = last();
        if (last == Long.MAX_VALUE) {
            throw new IOException("incarnation file " + file + " holds the largest possible value; remove it "
                    + "(the next start then takes the wall clock)");
        }
        long next = Math.max(last + 1, Math.max(0, clock.wallTime().toEpochMilli()));
        AtomicFile.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
        syncDirectory();
        return next;
    }

    /** The last incarnation handed out, or -1 if there is none on disk. */
    public long last() throws IOException {
        if (!Files.exists(file)) {
            return -1;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException("negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IOException("incarnation file " + file + " is damaged (expected one non-negative number, found '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'); fix or remove it "
                    + "(removing it makes the next start take the wall clock)", e);
        }
    }

    /** The rename in {@link AtomicFile} is durable only once the directory entry is on disk. */
    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
