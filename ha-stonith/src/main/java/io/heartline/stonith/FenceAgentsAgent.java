package io.heartline.stonith;

import io.heartline.core.NodeId;
import io.heartline.core.process.AgentProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an agent of the {@code fence-agents} package ({@code fence_ipmilan}, {@code fence_apc},
 * ...) the way Pacemaker's fencer does: no arguments, the options as {@code key=value} lines on
 * standard input, then {@code nodename=NODE} (unless configured) and {@code action=off|on|reboot|status}.
 * {@code plug=}/{@code port=} are passed when configured for the node.
 *
 * <p>Protocol followed: ClusterLabs fence-agents {@code doc/FenceAgentAPI.md} ("What is given to
 * fencing agents", "Agent Operations and Return Values"): one {@code argument=value} per line,
 * no spaces around {@code =}, no line breaks in values; exit codes as in {@link AgentVerdict}
 * (status: 0 on, 2 off, 1 error).
 *
 * <p>This agent reports what the fence program says; {@link FenceExecutor} then verifies an
 * {@code off} with {@code status}. Passwords go only on the program's stdin: they are neither
 * logged nor left in the result's detail.
 */
public final class FenceAgentsAgent implements FenceAgent {
    private static final Logger log = LoggerFactory.getLogger(FenceAgentsAgent.class);

    private final FenceDevice device;
    private final AgentProcess runner;

    public FenceAgentsAgent(FenceDevice device, AgentProcess runner) {
        this.device = Objects.requireNonNull(device, "device");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public FenceResult run(FenceAction action, NodeId node, Duration timeout) {
        if (!device.fences(node)) {
            return FenceResult.failed("fence device " + device.name() + " is not configured for node " + node
                    + " (it fences " + device.perNodeOptions().keySet() + ")", Duration.ZERO);
        }
        Map<String, String> options = stdinOptions(action, node);
        log.info("fence device {}: {} {} with {}", device.name(), action.word(), node, FenceDevice.masked(options));
        AgentProcess.Result r = runner.run(AgentProcess.Command.of(device.agentPath()).withStdin(stdin(options))
                .withSecrets(secrets(options)), timeout);
        FenceResult result = AgentVerdict.of(device.name(), action, r);
        log.info("fence device {}: {} {}: {} ({})", device.name(), action.word(), node, result.outcome(), result.detail());
        return result;
    }

    /** The options sent for {@code action} on {@code node}, in order; {@code action} last. */
    Map<String, String> stdinOptions(FenceAction action, NodeId node) {
        Map<String, String> options = new LinkedHashMap<>(device.optionsFor(node));
        options.putIfAbsent("nodename", node.name());
        options.put("action", action.word());
        return options;
    }

    static String stdin(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static List<String> secrets(Map<String, String> options) {
        List<String> out = new ArrayList<>();
        options.forEach((k, v) -> {
            if (FenceDevice.isSecret(k)) {
                out.add(v);
            }
        });
        return out;
    }

    @Override
    public String name() {
        return device.name();
    }

    public FenceDevice device() {
        return device;
    }

    @Override
    public String toString() {
        return "FenceAgentsAgent[" + device + "]";
    }
}
