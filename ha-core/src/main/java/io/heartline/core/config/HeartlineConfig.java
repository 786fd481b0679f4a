package io.heartline.core.config;

import io.heartline.core.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, parsed once and validated ({@link ConfigLoader}). Immutable: a reload
 * builds a new one.
 */
public record HeartlineConfig(
        Path source,
        String cluster,
        NodeId self,
        List<NodeConfig> nodes,
        TimingConfig timing,
        Path authKeyFile,
        List<MediumConfig> media,
        List<GroupConfig> groups,
        FailbackConfig failback,
        GarpConfig garp,
        Path controlSocket,
        Path stateDir,
        List<SectionConfig> alertChannels,
        FencingConfig fencing,
        Path resourceDir,
        Path initDir,
        MetricsConfig metrics,
        JournalConfig journal,
        ControlConfig control,
        PingConfig ping,
        WitnessConfig witness) {

    public HeartlineConfig {
        java.util.Objects.requireNonNull(metrics, "metrics");
        java.util.Objects.requireNonNull(ping, "ping");
        java.util.Objects.requireNonNull(witness, "witness");
        java.util.Objects.requireNonNull(journal, "journal");
        java.util.Objects.requireNonNull(control, "control");
        nodes = List.copyOf(nodes);
        media = List.copyOf(media);
        groups = List.copyOf(groups);
        alertChannels = List.copyOf(alertChannels);
    }

    /** A config without tie-breaks: no ping nodes, no witness. */
    public HeartlineConfig(Path source, String cluster, NodeId self, List<NodeConfig> nodes, TimingConfig timing,
                           Path authKeyFile, List<MediumConfig> media, List<GroupConfig> groups, FailbackConfig failback,
                           GarpConfig garp, Path controlSocket, Path stateDir, List<SectionConfig> alertChannels,
                           FencingConfig fencing, Path resourceDir, Path initDir, MetricsConfig metrics,
                           JournalConfig journal, ControlConfig control) {
        this(source, cluster, self, nodes, timing, authKeyFile, media, groups, failback, garp, controlSocket, stateDir,
                alertChannels, fencing, resourceDir, initDir, metrics, journal, control, PingConfig.NONE, WitnessConfig.NONE);
    }

    public Optional<NodeConfig> node(NodeId id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public NodeConfig selfNode() {
        return node(self).orElseThrow();
    }

    public List<NodeConfig> peers() {
        return nodes.stream().filter(n -> !n.id().equals(self)).toList();
    }

    public Optional<GroupConfig> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** This node's wait before fencing: none for the most preferred node, {@code fencing.delay} for the others. */
    public Duration fenceDelay() {
        int top = nodes.stream().mapToInt(NodeConfig::priority).max().orElse(0);
        boolean preferred = selfNode().priority() == top
                && nodes.stream().filter(n -> n.priority() == top).map(n -> n.id()).sorted().findFirst().orElseThrow().equals(self);
        return preferred ? Duration.ZERO : fencing.delay();
    }

    public Path journalFile() {
        return stateDir.resolve("events.jsonl");
    }
}
