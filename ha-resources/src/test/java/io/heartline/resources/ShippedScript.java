package io.heartline.resources;

import io.heartline.core.Clock;
import io.heartline.core.process.AgentProcess;
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

    AgentProcess.Result run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        cmd.addAll(List.of(args));
        AgentProcess.Result o = process.run(AgentProcess.Command.of(cmd).withEnv(env).withoutInherited("OCF_"),
                Duration.ofSeconds(30));
        if (o.ending() == AgentProcess.Ending.NOT_STARTED) {
            throw new IOException(o.error());
        }
        if (o.timedOut()) {
            throw new AssertionError(path.getFileName() + " " + String.join(" ", args) + " timed out: " + o.combined());
        }
        return o;
    }
}
