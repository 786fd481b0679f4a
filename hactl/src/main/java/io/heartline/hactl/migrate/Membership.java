package io.heartline.hactl.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes and their heartbeat addresses: names from {@code --node} and {@code --peer} (and, for
 * heartbeat, ha.cf's {@code node} lines), addresses from the options or from the file. A file's
 * unicast addresses say where the peers are but not which peer is which: one node without an
 * address and one address left over fit together; anything more is the operator's to say.
 */
final class Membership {
    /** What the source file tells about the nodes. */
    record FromFile(String file, List<String> names, String selfAddress, List<String> addresses) {
    }

    private Membership() {
    }

    /** The nodes, this one first, each with an address; or why not, naming the option to pass. */
    static Map<String, String> resolve(NodeSpec self, List<NodeSpec> peers, FromFile file, ImportReport report) throws ImportRefused {
        List<String> known = file.names();
        String choices = known.isEmpty() ? "" : " (one of " + String.join(", ", known) + ")";
        if (self == null) {
            throw ImportRefused.usage("pass --node NAME" + choices + ": " + file.file() + " does not say which node this is");
        }
        if (!known.isEmpty() && !known.contains(self.name())) {
            throw ImportRefused.usage("--node " + self.name() + ": not a node of " + file.file() + choices);
        }
        Map<String, String> nodes = new LinkedHashMap<>();
        nodes.put(self.name(), self.address() != null ? self.address() : file.selfAddress());
        for (NodeSpec p : peers) {
            if (!known.isEmpty() && !known.contains(p.name())) {
                throw ImportRefused.usage("--peer " + p.name() + ": not a node of " + file.file() + choices);
            }
            if (nodes.containsKey(p.name())) {
                throw ImportRefused.usage("--peer " + p.name() + ": named twice (or as this node too)");
            }
            nodes.put(p.name(), p.address());
        }
        for (String n : known) {
            nodes.putIfAbsent(n, null);
        }
        if (nodes.size() < 2) {
            throw ImportRefused.usage("pass --peer NAME=ADDRESS for each other node: " + file.file()
                    + " does not name them" + (file.addresses().isEmpty() ? " (it uses multicast)" : ""));
        }
        fillFromFile(nodes, file, report);
        List<String> missing = nodes.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            List<String> asks = new ArrayList<>();
            for (String n : missing) {
                asks.add((n.equals(self.name()) ? "--node " : "--peer ") + n + "=ADDRESS");
            }
            throw ImportRefused.usage("pass " + String.join(" ", asks) + ": " + file.file() + " does not give "
                    + (missing.size() == 1 ? "this heartbeat address" : "these heartbeat addresses")
                    + (file.addresses().isEmpty() ? "" : " (its unicast addresses " + file.addresses() + " do not say which node has which)"));
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (var e : nodes.entrySet()) {
            String other = seen.put(Addresses.parse(e.getValue()).getHostAddress(), e.getKey());
            if (other != null) {
                throw ImportRefused.usage(other + " and " + e.getKey() + " have the same address " + e.getValue());
            }
        }
        return nodes;
    }

    /** One node without an address and one unicast address of the file not taken: they go together. */
    private static void fillFromFile(Map<String, String> nodes, FromFile file, ImportReport report) {
        List<String> left = new ArrayList<>();
        for (String a : file.addresses()) {
            if (Addresses.isIp(a) && nodes.values().stream().noneMatch(v -> v != null && Addresses.same(v, a))
                    && left.stream().noneMatch(l -> Addresses.same(l, a))) {
                left.add(a);
            }
        }
        List<String> without = nodes.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        if (without.size() == 1 && left.size() == 1) {
            nodes.put(without.get(0), left.get(0));
            report.note("node " + without.get(0) + " takes the address " + left.get(0) + ", the only unicast address of "
                    + file.file() + " no other node has");
        }
    }
}
