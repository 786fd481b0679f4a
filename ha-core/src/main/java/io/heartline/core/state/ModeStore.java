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
 *
 * <p>Maintenance is deliberately not kept across a restart: it ends with the daemon that was in it,
 * and a starting daemon {@linkplain #clearMaintenance() clears} its marker. While it lasts, though, it
 * is marked on disk ({@code <state-dir>/maintenance}, an empty file), for one reader only: {@code hactl
 * cleanup-vips}, run by systemd's {@code ExecStopPost=} after the daemon is gone, leaves every VIP as
 * it is when the daemon died in maintenance (maintenance means "leave everything as it is", also at
 * shutdown).
 */
public final class ModeStore {
    private final Path file;
    private final Path maintenance;

    public ModeStore(Path stateDir) {
        this.file = stateDir.resolve("mode.json");
        this.maintenance = stateDir.resolve("maintenance");
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

    /** The maintenance marker: present while the daemon that wrote it is (or was, if it died) in maintenance. */
    public Path maintenanceFile() {
        return maintenance;
    }

    /** Whether the last daemon was in maintenance when it stopped or died. */
    public boolean maintenance() {
        return Files.exists(maintenance);
    }

    /** Marks maintenance on (an empty file, written atomically) or off (the file removed). */
    public void saveMaintenance(boolean on) throws IOException {
        if (on) {
            AtomicFile.write(maintenance, new byte[0]);
        } else {
            Files.deleteIfExists(maintenance);
        }
    }

    /** At daemon start: maintenance ended with the daemon that was in it. */
    public void clearMaintenance() throws IOException {
        saveMaintenance(false);
    }
}
