package io.heartline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A wall clock of its own for one daemon, stepped while it runs, without touching the host's
 * clock (stepping that would disturb the whole machine and CI). Debian's {@code libfaketime} is
 * preloaded into the daemon ({@code LD_PRELOAD}, the multi-threaded {@code libfaketimeMT}); it adds
 * the offset written in a file ({@code FAKETIME_TIMESTAMP_FILE}, e.g. {@code -3600}) to every
 * wall-clock call ({@code clock_gettime(CLOCK_REALTIME)}, {@code gettimeofday}, {@code time}) and
 * re-reads the file at most once a second ({@code FAKETIME_CACHE_DURATION=1}), so a step reaches
 * the running JVM within a second. {@code FAKETIME_DONT_FAKE_MONOTONIC=1} leaves
 * {@code CLOCK_MONOTONIC} (Java's {@code System.nanoTime}) alone: exactly what {@code date -s} on
 * the node would do. {@code FAKETIME_FORCE_MONOTONIC_FIX=0}: without it libfaketime also rewrites
 * every {@code pthread_cond_timedwait}, and the daemon's JVM took 7 s instead of 0.7 s to start
 * here (30 s for the daemon).
 */
final class FakeWallClock {
    private final Path file;

    /** A clock with no offset yet, its file in {@code dir}. */
    FakeWallClock(Path dir) {
        this.file = dir.resolve("faketime.rc");
        step(0);
    }

    /** The preloaded library, from the libfaketime package (its directory depends on the architecture). */
    static Path library() {
        try (DirectoryStream<Path> archs = Files.newDirectoryStream(Path.of("/usr/lib"))) {
            for (Path arch : archs) {
                Path lib = arch.resolve("faketime/libfaketimeMT.so.1");
                if (Files.isRegularFile(lib)) {
                    return lib;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("libfaketimeMT.so.1 not found under /usr/lib/*/faketime: install libfaketime"
                + " (scripts/install-deps)");
    }

    /** The environment that makes a daemon use this clock. */
    Map<String, String> env() {
        return Map.of("LD_PRELOAD", library().toString(), "FAKETIME_TIMESTAMP_FILE", file.toString(),
                "FAKETIME_DONT_FAKE_MONOTONIC", "1", "FAKETIME_CACHE_DURATION", "1", "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** The daemon's wall clock is {@code offsetSeconds} from the real one from now on (within a second). */
    void step(long offsetSeconds) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, (offsetSeconds >= 0 ? "+" : "") + offsetSeconds + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
