package io.heartline.core.state;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps every group's epoch and owner on disk ({@code <state-dir>/ownership.json}) so that a
 * restarted node never reuses an epoch. Written atomically: temp file, fsync, rename.
 */
public final class OwnershipStore {
    private final Path file;

    public OwnershipStore(Path stateDir) {
        this.file = stateDir.resolve("ownership.json");
    }

    public Path file() {
        return file;
    }

    /** The stored terms; empty when the node has never run. A damaged file is an error, never silently reset. */
    public Map<String, Ownership> load() throws IOException {
        Map<String, Ownership> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Map<String, Object> json;
        try {
            json = JSON.std.mapFrom(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new IOException("ownership file " + file + " is damaged (" + e.getMessage()
                    + "); move it away only if you know every group's epoch is safe to restart", e);
        }
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> m) || !(m.get("epoch") instanceof Number epoch)) {
                throw new IOException("ownership file " + file + ": bad entry for group '" + e.getKey() + "'");
            }
            Object owner = m.get("owner");
            out.put(e.getKey(), new Ownership(epoch.longValue(), owner == null ? "" : owner.toString()));
        }
        return out;
    }

    public void save(Map<String, Ownership> terms) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        new TreeMap<>(terms).forEach((group, o) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", o.epoch());
            m.put("owner", o.owner());
            json.put(group, m);
        });
        AtomicFile.write(file, (JSON.std.asString(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
