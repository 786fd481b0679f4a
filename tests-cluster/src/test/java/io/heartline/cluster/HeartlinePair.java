package io.heartline.cluster;

import io.heartline.testkit.SecretFiles;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Heartline daemons on the nodes of a lab (two or more; priorities 100, 50, 0, … in the
 * lab's order): writes each node's config (one VIP group "web"
 * on 10.77.0.10/24), starts {@code bin/hactl daemon} from the built distribution, and asks the
 * daemons through {@code bin/hactl} as an operator would.
 */
final class HeartlinePair {
    static final String VIP = "10.77.0.10";
    static final String GROUP = "web";
    static final Duration START = Duration.ofSeconds(30);

    private final Lab lab;
    private final Path home = Path.of(System.getProperty("heartline.home", "../dist/target/heartline")).toAbsolutePath();
    private final Path work;
    private final Map<String, LabProcess> daemons = new ConcurrentHashMap<>();
    private String extraConfig = "";
    private String fencing = "off";
    private java.util.function.Function<String, String> groupResources = node -> "";
    private java.util.function.Function<String, String> nodeConfig = node -> "";
    private java.util.function.Function<String, String> media =
            node -> "{ type = multicast, interface = eth0, group = \"239.192.76.1\", port = 7640 }";

    HeartlinePair(Lab lab) {
        this.lab = lab;
        // Short: a Unix socket path may not exceed 107 bytes. Removed with the lab; logs stay in the lab's log dir.
        this.work = Path.of("/tmp", lab.prefix() + "heartline");
        try {
            Files.createDirectories(work);
            Path logs = lab.logDir();
            lab.afterStop(() -> {
                for (String node : lab.nodes()) { // keep each node's journal with the lab's logs
                    if (Files.exists(journal(node))) {
                        Files.copy(journal(node), logs.resolve(node + "-events.jsonl"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                deleteTree(work);
            });
            SecretFiles.write(work.resolve("authkey"), "lab-key-" + lab.prefix() + "-0123456789abcdef\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String node : lab.nodes()) {
            writeConfig(node);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The media list of each node (HOCON objects inside {@code media = [ ]}), before the daemons start. */
    HeartlinePair withMedia(java.util.function.Function<String, String> perNode) {
        media = perNode;
        lab.nodes().forEach(this::writeConfig);
        return this;
    }

    /** The resources of group "web" on each node (HOCON objects inside {@code resources = [ ]}). */
    HeartlinePair withResources(java.util.function.Function<String, String> perNode) {
        groupResources = perNode;
        lab.nodes().forEach(this::writeConfig);
        return this;
    }

    /** Extra HOCON lines for one node's config (e.g. its resource-dir). */
    HeartlinePair withNodeConfig(java.util.function.Function<String, String> perNode) {
        nodeConfig = perNode;
        lab.nodes().forEach(this::writeConfig);
        return this;
    }

    /** The value of {@code fencing} (default {@code off}), before the daemons start. */
    HeartlinePair withFencing(String hocon) {
        fencing = hocon;
        lab.nodes().forEach(this::writeConfig);
        return this;
    }

    /** Extra HOCON lines inside {@code heartline { }} for every node (e.g. timing), before the daemons start. */
    HeartlinePair with(String hocon) {
        extraConfig = hocon;
        lab.nodes().forEach(this::writeConfig);
        return this;
    }

    Path hactl() {
        return home.resolve("bin/hactl");
    }

    Path config(String node) {
        return work.resolve(node).resolve("heartline.conf");
    }

    Path socket(String node) {
        return work.resolve(node).resolve("control.sock");
    }

    Path journal(String node) {
        return work.resolve(node).resolve("state/events.jsonl");
    }

    Path work() {
        return work;
    }

    Path authKey() {
        return work.resolve("authkey");
    }

    private void writeConfig(String node) {
        StringBuilder nodes = new StringBuilder();
        int priority = 100;
        int step = lab.nodes().size() <= 3 ? 50 : 100 / (lab.nodes().size() - 1); // 100, 50, 0; or 100 down to >= 0
        for (String n : lab.nodes()) {
            nodes.append(String.format("    { name = %s, address = \"%s\", priority = %d }%n", n, lab.ip(n), priority));
            priority -= step;
        }
        String text = """
                heartline {
                  cluster = lab
                  node = %s
                  nodes = [
                %s  ]
                  timing { interval = 200ms, deadtime = 1s, warntime = 500ms, initdead = 3s }
                  auth-key-file = "%s"
                  media = [ %s ]
                  groups = [ { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ], resources = [ %s ] } ]
                  control-socket = "%s"
                  state-dir = "%s"
                  fencing = %s
                %s
                %s
                }
                """.formatted(node, nodes, authKey(), media.apply(node), groupResources.apply(node), socket(node),
                work.resolve(node).resolve("state"), fencing, extraConfig, nodeConfig.apply(node));
        try {
            Files.createDirectories(config(node).getParent());
            Files.writeString(config(node), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the daemon on {@code node} and waits until its control socket answers. */
    LabProcess start(String node) {
        return start(node, Map.of());
    }

    /** As {@link #start(String)}, with more environment (e.g. {@code HEARTLINE_JAVA_OPTS}). */
    LabProcess start(String node, Map<String, String> env) {
        LabProcess p = launch(node, env);
        awaitUp(node);
        return p;
    }

    /**
     * Starts the daemon on {@code node} and returns at once, without waiting for its control
     * socket: for starting several daemons at the same instant ({@link #awaitUp} then).
     */
    LabProcess launch(String node, Map<String, String> env) {
        ProcessSpec spec = ProcessSpec.of("heartline", hactl().toString(), "daemon", "--config", config(node).toString())
                .stopTimeout(Duration.ofSeconds(25));
        for (Map.Entry<String, String> e : env.entrySet()) {
            spec = spec.env(e.getKey(), e.getValue());
        }
        LabProcess p = lab.start(node, spec);
        daemons.put(node, p);
        return p;
    }

    /** Waits until the daemon last started on {@code node} answers on its control socket. */
    void awaitUp(String node) {
        LabProcess p = daemons.get(node);
        await().atMost(Timing.scaled(START)).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> !p.isAlive() || statusOrNull(node) != null);
        if (!p.isAlive()) {
            throw new AssertionError("daemon on " + node + " exited at start:\n" + p.output());
        }
    }

    LabProcess daemon(String node) {
        return daemons.get(node);
    }

    /** {@code hactl ARGS...} run from the test (the control socket is a file, reachable from any namespace). */
    Shell.Result hactl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(hactl().toString()));
        cmd.addAll(List.of(args));
        return Shell.run(cmd, Timing.scaled(Duration.ofSeconds(60)));
    }

    Map<String, Object> status(String node) {
        Shell.Result r = hactl("status", "--json", "--socket", socket(node).toString());
        if (r.exitCode() != 0) {
            throw new AssertionError("hactl status on " + node + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip() + r.stdout().strip());
        }
        return parse(r);
    }

    Map<String, Object> statusOrNull(String node) {
        Shell.Result r = hactl("status", "--json", "--socket", socket(node).toString());
        return r.exitCode() != 0 ? null : parse(r);
    }

    private static Map<String, Object> parse(Shell.Result r) {
        try {
            return JSON.std.mapFrom(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("hactl status --json printed no JSON: " + r.stdout(), e);
        }
    }

    /** The "web" group as {@code node} sees it: state, owner, epoch. */
    @SuppressWarnings("unchecked")
    Map<String, Object> group(String node) {
        List<Object> groups = (List<Object>) status(node).get("groups");
        return (Map<String, Object>) groups.get(0);
    }

    String state(String node) {
        return (String) group(node).get("state");
    }

    void awaitActive(String node, Duration bound) {
        await().atMost(Timing.scaled(bound)).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> "ACTIVE".equals(state(node)));
    }

    List<Map<String, Object>> journalEntries(String node) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(journal(node))) {
                if (!line.isBlank()) {
                    out.add(JSON.std.mapFrom(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
