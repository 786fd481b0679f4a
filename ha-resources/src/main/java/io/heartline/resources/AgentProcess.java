package io.heartline.resources;

import io.heartline.core.Clock;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one agent command: given arguments and environment, stdin from {@code /dev/null},
 * stdout and stderr each captured up to a bound, and the timeout enforced by killing the whole
 * process tree.
 *
 * <p>Killing: on timeout every descendant ({@link ProcessHandle#descendants()}, taken before
 * anything is killed, since orphans are re-parented and vanish from the tree) and the process
 * itself get SIGTERM; whatever is still alive after the grace period, with any children it made
 * meanwhile, gets SIGKILL. A daemon that detached itself (double fork) before the timeout is out
 * of reach, as with any process manager that does not use cgroups.
 *
 * <p>Output goes to temporary files, not pipes: an agent that leaves a background process
 * holding its stdout (IPaddr2's {@code send_arp}, a forking server) cannot make us wait for an
 * end-of-file that never comes.
 */
public final class AgentProcess {
    /** Default bound on captured stdout and on captured stderr, each. */
    public static final int DEFAULT_OUTPUT_LIMIT = 64 * 1024;
    /** Default time between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    private static final File DEV_NULL = new File("/dev/null");

    private final Clock clock;
    private final int outputLimit;
    private final Duration killGrace;

    /** What a run came to. {@code exitCode} is -1 when the process was killed. */
    public record Outcome(int exitCode, String stdout, String stderr, Duration took, boolean timedOut) {
        /** stdout then stderr, each trimmed, for humans and logs. */
        public String combined() {
            String out = stdout.strip();
            String err = stderr.strip();
            return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
        }
    }

    public AgentProcess(Clock clock) {
        this(clock, DEFAULT_OUTPUT_LIMIT, DEFAULT_KILL_GRACE);
    }

    public AgentProcess(Clock clock, int outputLimit, Duration killGrace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (outputLimit < 1) {
            throw new IllegalArgumentException("outputLimit must be positive: " + outputLimit);
        }
        this.outputLimit = outputLimit;
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
    }

    /**
     * Runs {@code command} with the JVM's environment, minus any inherited {@code OCF_*}
     * variable, plus {@code env}. Returns when it exits or, at {@code timeout}, after killing it.
     *
     * @throws IOException if the command cannot be started at all (not found, not executable)
     */
    public Outcome run(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
        Path out = Files.createTempFile("heartline-agent-", ".out");
        Path err = Files.createTempFile("heartline-agent-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(DEV_NULL)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("OCF_"));
            pb.environment().putAll(env);
            long started = clock.monotonicNanos();
            Process process = pb.start();
            boolean finished = awaitExit(process, timeout);
            Duration took = Duration.ofNanos(clock.monotonicNanos() - started);
            return new Outcome(finished ? process.exitValue() : -1, read(out), read(err), took, !finished);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private boolean awaitExit(Process process, Duration timeout) {
        try {
            if (process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
            killTree(process.toHandle());
            return false;
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM to the tree, then SIGKILL to what is left after the grace period. */
    void killTree(ProcessHandle root) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = clock.monotonicNanos() + killGrace.toNanos();
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle h : tree) {
            if (!awaitGone(h, deadline - clock.monotonicNanos())) {
                survivors.add(h);
            }
        }
        for (ProcessHandle h : survivors) {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
        for (ProcessHandle h : survivors) {
            awaitGone(h, killGrace.toNanos());
        }
    }

    private static boolean awaitGone(ProcessHandle h, long nanos) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            h.onExit().get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        } catch (Exception e) {
            return !h.isAlive();
        }
    }

    private String read(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(outputLimit);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        return size > head.length ? text + "\n[... " + (size - head.length) + " more bytes not kept]" : text;
    }
}
