package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real server the test starts: its output goes to a file, and it is stopped by its own PID
 * (SIGTERM, then SIGKILL after 10 s), never by name.
 */
final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path output;

    private ServerProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Fails the test (never skips it) when a tool from a Debian package is missing. */
    static Path requireTool(String path, String debianPackage) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p)) {
            fail(path + " is missing: install the Debian package '" + debianPackage + "' (scripts/install-deps)");
        }
        return p;
    }

    static ServerProcess start(String name, Path dir, List<String> command) throws IOException {
        Path output = dir.resolve(name + ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        p.getOutputStream().close();
        return new ServerProcess(name, p, output);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the port accepts connections; fails with the server's output if it died. */
    void awaitListening(int port, Duration within) {
        Awaitility.await(name + " listening on " + port).atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        fail(name + " exited " + process.exitValue() + ":\n" + output());
                    }
                    return listening(port);
                });
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL if it is still there after 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
