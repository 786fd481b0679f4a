package io.heartline.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process checks for tests. */
final class Procs {
    private Procs() {
    }

    /**
     * True when {@code pid} no longer runs: gone, or a zombie waiting for its reaper (orphans are
     * re-parented to PID 1, which in a container may reap them late; ProcessHandle calls a zombie alive).
     */
    static boolean gone(long pid) {
        if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
