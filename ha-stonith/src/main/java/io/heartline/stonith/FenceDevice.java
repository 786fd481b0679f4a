package io.heartline.stonith;

import io.heartline.core.NodeId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One fence device as configured: a {@code fence_*} agent of the {@code fence-agents} package
 * and its options, shared ones plus per node (each node's BMC has its own address).
 *
 * <pre>
 * new FenceDevice("ipmi", "/usr/sbin/fence_ipmilan",
 *         Map.of("username", "admin", "password", "secret", "lanplus", "1"),
 *         Map.of(new NodeId("node-a"), Map.of("ip", "10.0.0.11"),
 *                new NodeId("node-b"), Map.of("ip", "10.0.0.12")));
 * </pre>
 *
 * <p>Rules, checked here: an option name is letters, digits, {@code _ - .}; a value holds no
 * line break (the fence-agents API forbids both); {@code action}/{@code option} are not options
 * (the action is given per request). A bare agent name ({@code fence_ipmilan}) means
 * {@code /usr/sbin/fence_ipmilan}, where Debian installs them. If {@code perNodeOptions} is not
 * empty, the device fences only the nodes it names; if it is empty, it fences any node (a PDU
 * addressed by {@code plug=}/{@code nodename=}).
 *
 * <p>{@link #toString()} masks secrets: options whose name contains {@code passw}
 * ({@code password}, {@code passwd}, {@code snmp_priv_passwd}) and {@code hexadecimal_kg}.
 */
public record FenceDevice(String name, String agentPath, Map<String, String> options,
                          Map<NodeId, Map<String, String>> perNodeOptions) {
    /** Where Debian's fence-agents package puts the agents. */
    public static final String AGENT_DIR = "/usr/sbin/";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> RESERVED = Set.of("action", "option");

    public FenceDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentPath, "agentPath");
        if (name.isBlank()) {
            throw new IllegalArgumentException("fence device name is empty");
        }
        if (agentPath.isBlank()) {
            throw new IllegalArgumentException("fence device " + name + ": agent is empty");
        }
        agentPath = agentPath.contains("/") ? agentPath : AGENT_DIR + agentPath;
        options = checked(name, "", options);
        Map<NodeId, Map<String, String>> nodes = new LinkedHashMap<>();
        for (Map.Entry<NodeId, Map<String, String>> e : perNodeOptions.entrySet()) {
            nodes.put(Objects.requireNonNull(e.getKey(), "node"), checked(name, " node " + e.getKey(), e.getValue()));
        }
        perNodeOptions = Collections.unmodifiableMap(nodes);
    }

    /** A device with the same options for every node. */
    public static FenceDevice of(String name, String agentPath, Map<String, String> options) {
        return new FenceDevice(name, agentPath, options, Map.of());
    }

    /** Whether this device is configured to fence {@code node}. */
    public boolean fences(NodeId node) {
        return perNodeOptions.isEmpty() || perNodeOptions.containsKey(node);
    }

    /** The options for {@code node}: the shared ones, overridden by the node's own. */
    public Map<String, String> optionsFor(NodeId node) {
        Map<String, String> merged = new LinkedHashMap<>(options);
        merged.putAll(perNodeOptions.getOrDefault(node, Map.of()));
        return Collections.unmodifiableMap(merged);
    }

    /** Whether the value of option {@code key} is a secret, never to be logged. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("passw") || k.equals("hexadecimal_kg");
    }

    /** {@code options} with secret values masked, for logs and status output. */
    public static Map<String, String> masked(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecret(k) ? "******" : v));
        return out;
    }

    @Override
    public String toString() {
        Map<NodeId, Map<String, String>> nodes = new LinkedHashMap<>();
        perNodeOptions.forEach((n, o) -> nodes.put(n, masked(o)));
        return "FenceDevice[" + name + " " + agentPath + " " + masked(options) + " " + nodes + "]";
    }

    private static Map<String, String> checked(String device, String where, Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "option name");
            String value = Objects.requireNonNull(e.getValue(), "value of option " + key);
            String at = "fence device " + device + where + ": option '" + key + "'";
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(at + ": a name is letters, digits, '_', '-' or '.'");
            }
            if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(at + ": the action is given per request, not configured");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(at + ": a value cannot contain a line break");
            }
            out.put(key, value);
        }
        return Collections.unmodifiableMap(out);
    }
}
