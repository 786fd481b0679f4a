package io.heartline.daemon.witness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real ZooKeeper server, the {@code zookeeper} artifact's {@code ZooKeeperServerMain} (the one on
 * this class path), run as a process of its own on the loopback address, so a test can kill it.
 * A small {@code tickTime} lets sessions be short (the server allows 2..20 ticks).
 */
final class ZooKeeperProcess implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int tickMs;
    private Process process;

    private ZooKeeperProcess(Path dataDir, int port, int tickMs) {
        this.dataDir = dataDir;
        this.port = port;
        this.tickMs = tickMs;
    }

    /** Starts a server on a free port with its data in {@code dataDir}, and waits until it accepts connections. */
    static ZooKeeperProcess start(Path dataDir, int tickMs) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ZooKeeperProcess zk = new ZooKeeperProcess(dataDir, port, tickMs);
        zk.start();
        return zk;
    }

    /** (Re)starts the server on the same port and data. */
    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx128m", "-Dzookeeper.admin.enableServer=false",
                "-Dzookeeper.jmx.log4j.disable=true", "-cp", System.getProperty("java.class.path"),
                "org.apache.zookeeper.server.ZooKeeperServerMain", String.valueOf(port), dataDir.toString(),
                String.valueOf(tickMs)));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(
                dataDir.getFileName() + ".log").toFile()));
        process = pb.start();
        Awaitility.await("ZooKeeper accepting on port " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(this::accepting);
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("ZooKeeper exited with " + process.exitValue() + "; see its log beside "
                    + dataDir);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    /** Kills the server (SIGKILL: no goodbye to the clients, as a crash or a cut cable). */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
