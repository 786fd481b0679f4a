package io.heartline.core.config;

import io.heartline.core.NodeId;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the {@code heartline { ... }} block into a {@link HeartlineConfig}. The root names the
 * sections and checks the few top-level values; each section ({@link NodesSection},
 * {@link TimingSection}, {@link MediaSection}, {@link GroupsSection}, {@link FencingSection},
 * {@link MetricsSection}, {@link JournalSection}, {@link ControlSection}, {@link PingSection},
 * {@link WitnessSection}) parses and checks its own part, reporting problems through the reader.
 */
final class ConfigParser {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,14}");
    /** The longest path a Unix socket address holds ({@code sun_path} less its terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    private final ConfigReader r;
    private final Path source;
    private Path authKeyFile;

    ConfigParser(ConfigReader root, Path source) {
        this.r = root;
        this.source = source;
    }

    HeartlineConfig parse() {
        r.onlyKeys(Set.of("cluster", "node", "nodes", "timing", "auth-key-file", "media", "groups",
                "failback", "failback-delay", "garp", "control-socket", "state-dir", "alerts", "fencing", "resource-dir", "init-dir",
                "metrics", "journal", "control", "ping-nodes", "ping-interval", "witness"));
        String cluster = r.string("cluster", NAME, "a valid cluster name (letters, digits, '.', '_', '-')");
        String self = r.string("node", NAME, "a valid node name");
        List<NodeConfig> nodes = NodesSection.parse(r);
        NodeConfig selfNode = nodes.stream().filter(n -> n.id().name().equals(self)).findFirst().orElse(null);
        if (self != null && !nodes.isEmpty() && selfNode == null) {
            r.problem("node", "'" + self + "' is not one of the nodes in heartline.nodes");
        }
        TimingConfig timing = TimingSection.parse(r);
        Path authKey = path("auth-key-file");
        authKeyFile = authKey;
        List<MediumConfig> media = MediaSection.parse(r, selfNode);
        List<GroupConfig> groups = GroupsSection.parse(r);
        FailbackConfig failback = failback();
        GarpConfig garp = garp();
        Path socket = socketPath("control-socket");
        Path stateDir = path("state-dir");
        List<SectionConfig> alertChannels = alertChannels();
        FencingConfig fencing = FencingSection.parse(r);
        Path resourceDir = path("resource-dir");
        Path initDir = path("init-dir");
        MetricsConfig metrics = MetricsSection.parse(r);
        JournalConfig journal = JournalSection.parse(r);
        ControlConfig control = ControlSection.parse(r);
        PingConfig ping = PingSection.parse(r, timing, nodes);
        WitnessConfig witness = WitnessSection.parse(r, cluster);
        if (r.valueLost()) {
            return null;
        }
        return new HeartlineConfig(source, cluster, new NodeId(self), nodes, timing, authKey, media, groups,
                failback, garp, socket, stateDir, alertChannels, fencing, resourceDir, initDir, metrics,
                journal, control, ping, witness);
    }

    /** The auth key file named in the file, once {@link #parse} has run; null when unusable. */
    Path authKeyFile() {
        return authKeyFile;
    }

    private FailbackConfig failback() {
        FailbackConfig.Mode mode = r.enumValue("failback", FailbackConfig.Mode.class);
        Duration delay = r.duration("failback-delay", Duration.ZERO, Duration.ofDays(1));
        return mode == null || delay == null ? null : new FailbackConfig(mode, delay);
    }

    private GarpConfig garp() {
        ConfigReader g = r.object("garp");
        if (g == null) {
            return null;
        }
        g.onlyKeys(Set.of("count", "spacing", "repeat-after", "look-before-claim", "duplicate-check", "refresh"));
        Integer count = g.integer("count", 0, 100);
        Duration spacing = g.duration("spacing", Duration.ZERO, Duration.ofSeconds(10));
        Duration repeat = g.duration("repeat-after", Duration.ZERO, Duration.ofMinutes(10));
        Duration look = g.duration("look-before-claim", Duration.ZERO, Duration.ofSeconds(1));
        Duration check = g.duration("duplicate-check", Duration.ZERO, Duration.ofHours(1));
        Duration refresh = g.duration("refresh", Duration.ZERO, Duration.ofHours(1));
        if (check != null && !check.isZero() && check.compareTo(Duration.ofMillis(100)) < 0) {
            g.problem("duplicate-check", ConfigReader.format(check) + " is too often: at least 100ms (or 0 for never)");
        }
        return count == null || spacing == null || repeat == null || look == null || check == null || refresh == null
                ? null : new GarpConfig(count, spacing, repeat, look, check, refresh);
    }

    /** {@code alerts { channels = [ { type = kannel, name = sms, ... } ] }}: checked by the alerts module. */
    private List<SectionConfig> alertChannels() {
        if (!r.has("alerts")) {
            return List.of();
        }
        ConfigReader alerts = r.object("alerts");
        if (alerts == null) {
            return List.of();
        }
        alerts.onlyKeys(Set.of("channels"));
        return alerts.sections("channels");
    }

    private Path socketPath(String key) {
        Path socket = path(key);
        if (socket != null && socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            r.problem(key, "'" + socket + "' is longer than the 107 bytes a Unix socket path may have");
        }
        return socket;
    }

    private Path path(String key) {
        String s = r.string(key);
        if (s == null) {
            return null;
        }
        if (!s.startsWith("/")) {
            r.problem(key, "'" + s + "' must be an absolute path");
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            r.problem(key, "'" + s.replace("\0", "\\0") + "' is not a valid path (" + e.getReason() + ")");
            return null;
        }
    }
}
