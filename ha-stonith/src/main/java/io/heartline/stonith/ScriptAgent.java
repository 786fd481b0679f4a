package io.heartline.stonith;

import io.heartline.core.NodeId;
import io.heartline.core.process.AgentProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences with a site's own script, called as {@code SCRIPT off|on|reboot|status NODE}.
 *
 * <p>The script's exit code follows the fence-agents convention (see {@link AgentVerdict}):
 * <ul>
 *   <li>{@code off}, {@code on}, {@code reboot}: 0 = done, anything else = failed;</li>
 *   <li>{@code status}: 0 = the node is on, 2 = the node is off, anything else (1 by
 *       convention) = could not tell, for instance an unknown node or an unreachable switch.</li>
 * </ul>
 * What it prints (stdout, stderr) goes into the result's detail. At the timeout the script and
 * everything it started are killed.
 */
public final class ScriptAgent implements FenceAgent {
    private static final Logger log = LoggerFactory.getLogger(ScriptAgent.class);

    private final String name;
    private final Path script;
    private final AgentProcess runner;

    public ScriptAgent(String name, Path script, AgentProcess runner) {
        this.name = Objects.requireNonNull(name, "name");
        this.script = Objects.requireNonNull(script, "script");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public FenceResult run(FenceAction action, NodeId node, Duration timeout) {
        log.info("fence script {}: {} {}", name, action.word(), node);
        AgentProcess.Result r = runner.run(AgentProcess.Command.of(script.toString(), action.word(), node.name()), timeout);
        FenceResult result = AgentVerdict.of(name, action, r);
        log.info("fence script {}: {} {}: {} ({})", name, action.word(), node, result.outcome(), result.detail());
        return result;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ScriptAgent[" + name + " " + script + "]";
    }
}
