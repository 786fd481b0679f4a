package io.heartline.resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Makes the agent for a {@link ResourceSpec}, by kind (see {@link ResourceSpec} for kinds and parameters). */
public final class ResourceAgents {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

    private ResourceAgents() {
    }

    /** The agent for {@code spec}, with {@link AgentSettings#defaults()}. */
    public static ResourceAgent create(ResourceSpec spec) {
        return create(spec, AgentSettings.defaults());
    }

    /** @throws IllegalArgumentException for an unknown kind or parameters the kind does not take */
    public static ResourceAgent create(ResourceSpec spec, AgentSettings settings) {
        String kind = spec.kind();
        Map<String, String> params = spec.params();
        if (kind.equals("script")) {
            String script = params.getOrDefault("script", spec.name());
            return new ScriptAgent(fileName(spec, "script", script), positional(spec), settings);
        }
        if (kind.equals("lsb")) {
            onlyKeys(spec, Set.of("service"));
            return new LsbAgent(fileName(spec, "service", params.getOrDefault("service", spec.name())), settings);
        }
        if (kind.equals("probe")) {
            return ProbeAgent.fromParams(spec.name(), params, settings.clock());
        }
        if (kind.startsWith("ocf:")) {
            String[] parts = kind.split(":", -1);
            if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new IllegalArgumentException(spec.name() + ": an OCF kind is ocf:PROVIDER:TYPE, not '" + kind + "'");
            }
            return new OcfAgent(fileName(spec, "provider", parts[1]), fileName(spec, "type", parts[2]), spec.name(),
                    params, spec.monitorInterval(), settings);
        }
        throw new IllegalArgumentException(spec.name() + ": unknown resource kind '" + kind
                + "' (script, lsb, ocf:PROVIDER:TYPE or probe)");
    }

    /** {@link #create} wrapped as a group member's {@link Resource}. */
    public static Resource resource(ResourceSpec spec, AgentSettings settings) {
        return new AgentResource(spec.name(), create(spec, settings));
    }

    /**
     * Everything wrong with {@code spec} on this machine, as sentences (empty when fine): bad kind
     * or parameters; the agent not installed; for OCF agents, the parameters checked against the
     * agent's meta-data. This is {@code hactl config check}'s resource check.
     */
    public static List<String> check(ResourceSpec spec, AgentSettings settings) {
        ResourceAgent agent;
        try {
            agent = create(spec, settings);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        if (agent instanceof OcfAgent ocf) {
            return ocf.validateParams().stream().map(p -> spec.name() + ": " + p).toList();
        }
        OperationResult r = agent.run(Operation.VALIDATE, CHECK_TIMEOUT);
        return r.succeeded() ? List.of() : List.of(spec.name() + ": " + agent.describe() + ": " + r.output());
    }

    private static List<String> positional(ResourceSpec spec) {
        TreeMap<Integer, String> args = new TreeMap<>();
        for (var e : spec.params().entrySet()) {
            if (e.getKey().equals("script")) {
                continue;
            }
            if (!e.getKey().matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException(spec.name() + ": a script takes 'script' and positional arguments 1, 2, …; not '"
                        + e.getKey() + "'");
            }
            args.put(Integer.parseInt(e.getKey()), e.getValue());
        }
        if (!args.isEmpty() && args.lastKey() != args.size()) {
            throw new IllegalArgumentException(spec.name() + ": positional arguments must be numbered 1.." + args.size()
                    + " without gaps, got " + args.keySet());
        }
        return new ArrayList<>(args.values());
    }

    private static void onlyKeys(ResourceSpec spec, Set<String> allowed) {
        for (String key : spec.params().keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(spec.name() + ": unknown parameter '" + key + "' for kind "
                        + spec.kind() + " (it takes: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String fileName(ResourceSpec spec, String what, String value) {
        if (value.isEmpty() || value.contains("/") || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(spec.name() + ": " + what + " must be a plain file name, not '" + value + "'");
        }
        return value;
    }
}
