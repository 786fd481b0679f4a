package io.heartline.core.config;

import io.heartline.core.NodeId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses {@code nodes = [ { name, address, priority } ]}: at least one, names and addresses unique. */
final class NodesSection {
    private NodesSection() {
    }

    static List<NodeConfig> parse(ConfigReader r) {
        List<NodeConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        List<ConfigReader> items = r.objects("nodes");
        for (ConfigReader n : items) {
            n.onlyKeys(Set.of("name", "address", "priority"));
            String name = n.string("name", ConfigParser.NAME, "a valid node name (letters, digits, '.', '_', '-')");
            InetAddress address = n.address("address");
            Integer priority = n.has("priority") ? n.integer("priority", 0, 1_000_000) : Integer.valueOf(0);
            if (name != null && !names.add(name)) {
                n.problem("name", "node '" + name + "' is listed twice");
            }
            if (address != null && !addresses.add(address)) {
                n.problem("address", address.getHostAddress() + " is the address of two nodes");
            }
            if (name != null && address != null && priority != null) {
                out.add(new NodeConfig(new NodeId(name), address, priority));
            }
        }
        if (r.has("nodes") && items.isEmpty()) {
            r.problem("nodes", "at least one node is needed");
        }
        return out;
    }
}
