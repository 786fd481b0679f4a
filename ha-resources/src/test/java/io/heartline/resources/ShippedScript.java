package io.heartline.resources;

import io.heartline.core.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one of the shipped scripts in scripts/resources directly, as a test would from a shell. */
final class ShippedScript {
    private final Path path;
    private final Map<String, String> env;
    private final AgentProcess process = new AgentProcess(Clock.system());

    ShippedScript(String name, Map<String, String> env) {
        this.path = TestScripts.shippedScripts().resolve(name);
        this.env = Map.copyOf(env);
    }

    Path path() {
        return path;
    }

    AgentProcess.Outcome run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        cmd.addAll(List.of(args));
        AgentProcess.Outcome o = process.run(cmd, env, Duration.ofSeconds(30));
        if (o.timedOut()) {
            throw new AssertionError(path.getFileName() + " " + String.join(" ", args) + " timed out: " + o.combined());
        }
        return o;
    }
}
