package io.heartline.resources;

import io.heartline.core.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where agents live and how they are run: the heartbeat-style resource directory, the LSB init
 * directory, {@code OCF_ROOT}, an optional command prefix put in front of every agent command
 * (for example {@code ip netns exec NS}, {@code nice -n 5}), and the clock that times operations.
 */
public record AgentSettings(Path scriptDir, Path initDir, Path ocfRoot, List<String> commandPrefix, Clock clock) {
    public static final Path DEFAULT_SCRIPT_DIR = Path.of("/etc/heartline/resource.d");
    public static final Path DEFAULT_INIT_DIR = Path.of("/etc/init.d");
    public static final Path DEFAULT_OCF_ROOT = Path.of("/usr/lib/ocf");

    public AgentSettings {
        Objects.requireNonNull(scriptDir, "scriptDir");
        Objects.requireNonNull(initDir, "initDir");
        Objects.requireNonNull(ocfRoot, "ocfRoot");
        commandPrefix = List.copyOf(commandPrefix);
        Objects.requireNonNull(clock, "clock");
    }

    /** {@code /etc/heartline/resource.d}, {@code /etc/init.d}, {@code /usr/lib/ocf}, no prefix, system clock. */
    public static AgentSettings defaults() {
        return new AgentSettings(DEFAULT_SCRIPT_DIR, DEFAULT_INIT_DIR, DEFAULT_OCF_ROOT, List.of(), Clock.system());
    }

    public AgentSettings withScriptDir(Path dir) {
        return new AgentSettings(dir, initDir, ocfRoot, commandPrefix, clock);
    }

    public AgentSettings withInitDir(Path dir) {
        return new AgentSettings(scriptDir, dir, ocfRoot, commandPrefix, clock);
    }

    public AgentSettings withOcfRoot(Path root) {
        return new AgentSettings(scriptDir, initDir, root, commandPrefix, clock);
    }

    public AgentSettings withClock(Clock c) {
        return new AgentSettings(scriptDir, initDir, ocfRoot, commandPrefix, c);
    }

    public AgentSettings withCommandPrefix(List<String> prefix) {
        return new AgentSettings(scriptDir, initDir, ocfRoot, prefix, clock);
    }
}
