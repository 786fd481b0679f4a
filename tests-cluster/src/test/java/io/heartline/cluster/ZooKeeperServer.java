package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ZooKeeper server (the {@code zookeeper} artifact's {@code ZooKeeperServerMain}, run as a
 * process of its own) in a lab host, the witness's ensemble of one: the nodes reach it over the
 * LAN, as they would reach a site's ensemble. A small {@code tickTime} (the server allows sessions
 * of 2..20 ticks) lets the witness's sessions be short. Its data goes with the lab.
 */
final class ZooKeeperServer {
    static final int PORT = 2181;
    static final int TICK_MS = 200;

    private final Lab lab;
    private final String host;
    private final Path dir;
    private LabProcess process;

    private ZooKeeperServer(Lab lab, String host, Path dir) {
        this.lab = lab;
        this.host = host;
        this.dir = dir;
    }

    /** Starts the server in {@code host} and waits until it accepts connections. */
    static ZooKeeperServer start(Lab lab, String host) {
        Path dir = Path.of("/tmp", lab.prefix() + "zookeeper");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lab.afterStop(() -> {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        });
        ZooKeeperServer zk = new ZooKeeperServer(lab, host, dir);
        zk.start();
        return zk;
    }

    /** (Re)starts the server on the same port and data, and waits until it accepts connections. */
    void start() {
        List<String> command = new java.util.ArrayList<>(JavaCommand.ofTool(org.apache.zookeeper.server.ZooKeeperServerMain.class,
                String.valueOf(PORT), dir.toString(), String.valueOf(TICK_MS)));
        command.add(1, "-Dzookeeper.admin.enableServer=false"); // no Jetty on the class path, no admin port
        process = lab.start(host, ProcessSpec.of("zookeeper", command).stopTimeout(Duration.ofSeconds(10)));
        await("ZooKeeper accepting on " + host).atMost(Timing.scaled(Duration.ofSeconds(30))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("ZooKeeper exited:\n" + process.output());
                    }
                    return lab.tryExec(host, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + PORT).exitCode() == 0;
                });
        lab.note("zookeeper: serving on " + connectString());
    }

    /** The ensemble as the nodes' {@code witness.zookeeper} names it. */
    String connectString() {
        return lab.ip(host) + ":" + PORT;
    }

    /** kill -9 of the server: the witness is gone, as after a crash or a cut cable. */
    void kill() {
        process.kill9();
        lab.note("zookeeper: killed");
    }

    /** The {@code witness { }} block for the nodes' configs. */
    String witnessConfig(Duration sessionTimeout, Duration connectTimeout) {
        return "  witness { zookeeper = \"" + connectString() + "\", session-timeout = " + sessionTimeout.toMillis()
                + "ms, connect-timeout = " + connectTimeout.toMillis() + "ms }";
    }
}
