package io.heartline.stonith;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.config.ConfigCheck;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.SecretFile;
import io.heartline.core.config.SectionConfig;
import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fence devices from the config's {@code fencing.devices}:
 * <ul>
 * <li>{@code { type = fence-agent, agent = fence_ipmilan, options { username = .., password-file = .. },
 *     nodes { node-a { ip = "10.0.0.201" }, node-b { ip = "10.0.0.202" } } }}: any agent of the
 *     fence-agents package, options on stdin; {@code nodes} names the nodes it fences and their own options.
 *     {@code password-file} (shared or per node) is read through {@link SecretFile} and given to the agent
 *     as {@code password};</li>
 * <li>{@code { type = script, path = "/etc/heartline/fence.sh", nodes = [node-a] }}: {@code SCRIPT off|on|status NODE};</li>
 * <li>{@code { type = manual, nodes = [node-a] }}: an operator confirms with {@code hactl fence-ack NODE}.</li>
 * </ul>
 * Every node other than this one must be fenceable by some device, or its groups could never be taken.
 */
public final class FenceSections {
    /** The agents that fence each node (first device that covers it), and the manual agents (for acks). */
    public record Agents(Map<NodeId, FenceAgent> byNode, List<ManualAgent> manual) {
    }

    private static final String PASSWORD = "password";
    private static final String PASSWORD_FILE = "password-file";

    private FenceSections() {
    }

    public static Agents build(HeartlineConfig c, Clock clock, Consumer<ManualAgent.Request> prompt)
            throws InvalidSectionException {
        Map<NodeId, FenceAgent> byNode = new LinkedHashMap<>();
        List<ManualAgent> manual = new ArrayList<>();
        Set<NodeId> all = new LinkedHashSet<>(c.nodes().stream().map(NodeConfig::id).toList());
        AgentProcess process = new AgentProcess(clock);
        for (SectionConfig s : c.fencing().devices()) {
            Set<NodeId> nodes = new LinkedHashSet<>();
            FenceAgent agent = switch (s.type()) {
                case "fence-agent" -> fenceAgent(s, all, nodes, process);
                case "script" -> script(s, all, nodes, process);
                case "manual" -> {
                    s.onlyKeys(Set.of("nodes"));
                    nodes.addAll(nodeList(s, all));
                    ManualAgent m = new ManualAgent(s.name(), nodes, clock, prompt);
                    manual.add(m);
                    yield m;
                }
                default -> throw s.invalid("type", "'" + s.type() + "' is not a fence device type (fence-agent, script, manual)");
            };
            for (NodeId n : nodes) {
                byNode.putIfAbsent(n, agent);
            }
        }
        if (c.fencing().enabled()) {
            for (NodeConfig n : c.peers()) {
                if (!byNode.containsKey(n.id())) {
                    throw new InvalidSectionException(new ConfigProblem(c.source().toString(), -1, "heartline.fencing.devices",
                            "no fence device fences " + n.id() + ": its groups could never be taken over"));
                }
            }
        }
        return new Agents(byNode, manual);
    }

    @SuppressWarnings("unchecked")
    private static FenceAgent fenceAgent(SectionConfig s, Set<NodeId> all, Set<NodeId> nodes, AgentProcess process)
            throws InvalidSectionException {
        s.onlyKeys(Set.of("agent", "options", "nodes"));
        String agent = s.string("agent");
        String path = agent.startsWith("/") ? agent : "/usr/sbin/" + agent;
        executable(s, "agent", Path.of(path), "install the fence-agents package, or give the agent's full path");
        Map<NodeId, Map<String, String>> perNode = new LinkedHashMap<>();
        Object raw = s.values().get("nodes");
        if (raw instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                NodeId n = node(s, all, String.valueOf(e.getKey()));
                Map<String, String> opts = new LinkedHashMap<>();
                if (e.getValue() instanceof Map<?, ?> o) {
                    o.forEach((k, v) -> opts.put(String.valueOf(k), String.valueOf(v)));
                }
                perNode.put(n, secrets(s, "nodes", "nodes." + e.getKey() + ".", opts));
            }
        } else if (raw != null) {
            throw s.invalid("nodes", "must be an object: nodes { node-a { ip = \"...\" } }");
        }
        try {
            FenceDevice device = new FenceDevice(s.name(), path, secrets(s, "options", "options.", s.stringMap("options")),
                    perNode);
            nodes.addAll(perNode.isEmpty() ? all : perNode.keySet());
            return new FenceAgentsAgent(device, process);
        } catch (IllegalArgumentException e) {
            throw s.invalid("options", e.getMessage());
        }
    }

    /**
     * The options as the agent gets them: {@code password-file} read through {@link SecretFile} and
     * passed on as {@code password} (not both); the example's placeholder refused in any secret option.
     */
    private static Map<String, String> secrets(SectionConfig s, String at, String prefix, Map<String, String> options)
            throws InvalidSectionException {
        if (options.containsKey(PASSWORD) && options.containsKey(PASSWORD_FILE)) {
            throw invalid(s, at, prefix + PASSWORD_FILE, "give either password or password-file, not both");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.equals(PASSWORD_FILE)) {
                out.put(PASSWORD, readPassword(s, at, prefix + key, value));
                continue;
            }
            if (FenceDevice.isSecret(key) && SecretFile.isPlaceholder(value)) {
                throw invalid(s, at, prefix + key, "'" + value + "' is the example's placeholder: set the device's real "
                        + key + " (better in a file of mode 600, named by password-file)");
            }
            out.put(key, value);
        }
        return out;
    }

    private static String readPassword(SectionConfig s, String at, String key, String file) throws InvalidSectionException {
        if (!file.startsWith("/")) {
            throw invalid(s, at, key, "'" + file + "' must be an absolute path");
        }
        try {
            return SecretFile.read(Path.of(file), "fence password file");
        } catch (IOException | InvalidPathException e) {
            throw invalid(s, at, key, e.getMessage());
        }
    }

    /** A problem with {@code key} inside the object {@code at} ({@code options}, {@code nodes}): on that object's line. */
    private static InvalidSectionException invalid(SectionConfig s, String at, String key, String message) {
        return new InvalidSectionException(new ConfigProblem(s.file(), s.lines().getOrDefault(at, s.line()),
                s.key() + "." + key, message));
    }

    private static FenceAgent script(SectionConfig s, Set<NodeId> all, Set<NodeId> nodes, AgentProcess process)
            throws InvalidSectionException {
        s.onlyKeys(Set.of("path", "nodes"));
        Path path = Path.of(s.string("path"));
        if (!path.isAbsolute()) {
            throw s.invalid("path", "'" + path + "' must be an absolute path");
        }
        executable(s, "path", path, "make it executable");
        nodes.addAll(nodeList(s, all));
        return new ScriptAgent(s.name(), path, process);
    }

    private static void executable(SectionConfig s, String key, Path p, String hint) throws InvalidSectionException {
        if (!Files.isExecutable(p)) {
            throw s.invalid(key, p + " is not an executable file (" + hint + ")");
        }
    }

    private static Set<NodeId> nodeList(SectionConfig s, Set<NodeId> all) throws InvalidSectionException {
        List<String> names = s.strings("nodes");
        if (names.isEmpty()) {
            return all;
        }
        Set<NodeId> out = new LinkedHashSet<>();
        for (String n : names) {
            out.add(node(s, all, n));
        }
        return out;
    }

    private static NodeId node(SectionConfig s, Set<NodeId> all, String name) throws InvalidSectionException {
        if (!NodeId.isValid(name) || !all.contains(new NodeId(name))) {
            throw s.invalid("nodes", "'" + name + "' is not a node of this cluster");
        }
        return new NodeId(name);
    }

    /** The {@link ConfigCheck} for fence devices. */
    public static final class Check implements ConfigCheck {
        @Override
        public List<ConfigProblem> check(HeartlineConfig config) {
            try {
                build(config, Clock.system(), r -> { });
                return List.of();
            } catch (InvalidSectionException e) {
                return List.of(e.problem());
            }
        }
    }
}
