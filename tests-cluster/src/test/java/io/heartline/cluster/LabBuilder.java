package io.heartline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Declares the networks and hosts of a {@link Lab}; {@link #build()} creates them.
 *
 * <pre>{@code
 * Lab lab = Lab.builder("FailoverIT.kill")
 *         .network(Network.LAN).network(Network.HEARTBEAT)   // default: LAN only
 *         .nodes("node-a", "node-b")                          // 10.77.0.1, .2 (and 10.78.0.1, .2)
 *         .client("client")                                   // 10.77.0.100
 *         .build();
 * }</pre>
 */
public final class LabBuilder {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern HOST_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    private final String label;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final List<String> nodes = new ArrayList<>();
    private final List<String> clients = new ArrayList<>();

    LabBuilder(String label) {
        this.label = label.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Adds a network; without any, the lab has {@link Network#LAN} only. */
    public LabBuilder network(Network network) {
        for (Network other : networks.values()) {
            if (other.name().equals(network.name()) || other.iface().equals(network.iface())
                    || other.subnet().equals(network.subnet())) {
                throw new IllegalArgumentException(network + " clashes with " + other);
            }
        }
        networks.put(network.name(), network);
        return this;
    }

    /** Adds cluster nodes; they join every network and get octets 1, 2, 3, … in order. */
    public LabBuilder nodes(String... names) {
        nodes.addAll(List.of(names));
        return this;
    }

    /** Adds a client; clients join the networks open to clients and get octets 100, 101, … */
    public LabBuilder client(String name) {
        clients.add(name);
        return this;
    }

    /**
     * Creates the namespaces, bridges, cables and addresses under a prefix unique to this lab
     * ({@code hl<pid>x<n>-}); cleans up whatever it made if a step fails.
     */
    public Lab build() {
        if (nodes.size() > 99) {
            throw new IllegalArgumentException("at most 99 nodes");
        }
        List<Network> nets = networks.isEmpty() ? List.of(Network.LAN) : List.copyOf(networks.values());
        String prefix = "hl" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet() + "-";
        Map<String, LabHost> hosts = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            addHost(hosts, new LabHost(nodes.get(i), prefix + nodes.get(i), i + 1, true, nets));
        }
        List<Network> open = nets.stream().filter(Network::clients).toList();
        for (int i = 0; i < clients.size(); i++) {
            if (open.isEmpty()) {
                throw new IllegalArgumentException("client " + clients.get(i) + " has no network open to clients");
            }
            addHost(hosts, new LabHost(clients.get(i), prefix + clients.get(i), 100 + i, false, open));
        }
        Path logDir = Lab.logRoot().resolve(prefix + label);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
        return Lab.create(prefix, logDir, nets, hosts);
    }

    private static void addHost(Map<String, LabHost> hosts, LabHost host) {
        if (!HOST_NAME.matcher(host.name()).matches() || host.name().equals(Lab.SWITCH)) {
            throw new IllegalArgumentException("host name must match " + HOST_NAME + " and not be '"
                    + Lab.SWITCH + "': " + host.name());
        }
        if (hosts.putIfAbsent(host.name(), host) != null) {
            throw new IllegalArgumentException("host declared twice: " + host.name());
        }
    }
}
