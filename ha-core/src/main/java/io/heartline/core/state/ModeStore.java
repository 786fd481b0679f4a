package io.heartline.core.state;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operator's standby choice ({@code hactl standby}) on disk ({@code <state-dir>/mode.json}),
 * so that a node put in standby before a reboot does not take groups when its daemon comes back.
 * Maintenance is deliberately not kept: it ends with the daemon that was in it.
 */
public final class ModeStore {
    private final Path file;

    public ModeStore(Path stateDir) {
        this.file = stateDir.resolve("mode.json");
    }

    public Path file() {
        return file;
    }

    /** Whether the node was left in standby; false when it never was. A damaged file is an error. */
    public boolean standby() throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            Object v = JSON.std.mapFrom(Files.readString(file, StandardCharsets.UTF_8)).get("standby");
            if (!(v instanceof Boolean b)) {
                throw new IOException("'standby' must be true or false");
            }
            return b;
        } catch (IOException | RuntimeException e) {
            throw new IOException("mode file " + file + " is damaged (" + e.getMessage() + "); fix or remove it "
                    + "(removing it brings the node up online)", e);
        }
    }

    public void save(boolean standby) throws IOException {
        AtomicFile.write(file, (JSON.std.asString(Map.of("standby", standby)) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
