package io.heartline.takeover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helper: a network namespace of its own ({@code hlt<pid>-<n>}) holding two veth pairs,
 * {@code hlv0}-{@code hlv1} (up, fixed MACs) and {@code hlv2}-{@code hlv3} (down), and a
 * {@link NetnsAgent} JVM running inside it. Nothing is created in the root namespace.
 */
final class NetnsLab implements AutoCloseable {
    static final String MAC0 = "02:00:5e:10:00:01";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String ns = "hlt" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    private Process agent;
    private PrintWriter toAgent;
    private final LinkedBlockingQueue<String> fromAgent = new LinkedBlockingQueue<>();

    static boolean usable() {
        try {
            return "root".equals(System.getProperty("user.name")) && run("ip", "netns", "list") != null;
        } catch (IOException e) {
            return false;
        }
    }

    NetnsLab start() throws IOException {
        run("ip", "netns", "add", ns);
        ip("link", "set", "lo", "up");
        ip("link", "add", "hlv0", "address", MAC0, "type", "veth", "peer", "name", "hlv1", "address", "02:00:5e:10:00:02");
        ip("link", "set", "hlv0", "up");
        ip("link", "set", "hlv1", "up");
        ip("link", "add", "hlv2", "type", "veth", "peer", "name", "hlv3");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        agent = new ProcessBuilder("ip", "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"),
                NetnsAgent.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toAgent = new PrintWriter(agent.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    fromAgent.add(line);
                }
            } catch (IOException e) {
                fromAgent.add("error agent output: " + e);
            }
        }, "netns-agent-reader");
        reader.setDaemon(true);
        reader.start();
        String ready = reply();
        if (!"ready".equals(ready)) {
            throw new IOException("agent did not start: " + ready);
        }
        return this;
    }

    /** Sends one command to the agent and returns its one-line reply. */
    String agent(String command) throws IOException {
        toAgent.println(command);
        return reply();
    }

    private String reply() throws IOException {
        try {
            String line = fromAgent.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("no reply from the agent in 30 s (alive: " + agent.isAlive() + ")");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code ip -n NS ARGS}; returns stdout, throws on failure. */
    String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (agent != null) {
                toAgent.println("quit");
                try {
                    if (!agent.waitFor(5, TimeUnit.SECONDS)) {
                        agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    agent.destroyForcibly();
                }
            }
        } finally {
            run("ip", "netns", "del", ns);
        }
    }
}
