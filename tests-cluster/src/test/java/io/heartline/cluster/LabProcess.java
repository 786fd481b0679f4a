package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Ip;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A program {@link Lab#start started} inside a lab host as {@code ip netns exec NS COMMAND}.
 * {@code ip netns exec} execs the command, so {@link #pid()} is the command's own pid and every
 * signal here goes to exactly that process (and, on kill, to the descendants it forked).
 *
 * <p>Stdout (and stderr, unless the spec separates it) is read by one thread that appends
 * every line to {@link #logFile()}, keeps it for {@link #output()} and hands it to the
 * spec's line listener.
 */
public final class LabProcess implements AutoCloseable {
    private final String host;
    private final ProcessSpec spec;
    private final Process process;
    private final Path logFile;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private LabProcess(String host, ProcessSpec spec, Process process, Path logFile, BufferedWriter log) {
        this.host = host;
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
        this.reader = new Thread(() -> pump(log), "lab-out-" + host + "-" + spec.name());
        this.reader.setDaemon(true);
    }

    static LabProcess start(String host, String ns, ProcessSpec spec, Path logDir) {
        String base = host + "-" + spec.name();
        Path logFile = logDir.resolve(base + ".log");
        List<String> command = Ip.netnsExec(ns, spec.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        builder.environment().putAll(spec.env());
        spec.workDir().ifPresent(dir -> builder.directory(dir.toFile()));
        if (spec.isStderrSeparate()) {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve(base + ".err.log").toFile()));
        } else {
            builder.redirectErrorStream(true);
        }
        try {
            BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                log.close();
                throw e;
            }
            log.write("### " + Instant.now() + " started pid " + process.pid() + " in " + ns + ": "
                    + Shell.render(spec.command()) + "\n");
            log.flush();
            LabProcess started = new LabProcess(host, spec, process, logFile, log);
            started.reader.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec + " on " + host, e);
        }
    }

    /** The pid of the command itself ({@code ip netns exec} replaced itself with it). */
    public long pid() {
        return process.pid();
    }

    public String host() {
        return host;
    }

    public String name() {
        return spec.name();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** SIGKILL to this pid and to the descendants it has now; waits until it is gone. */
    public void kill9() {
        List<ProcessHandle> children = process.descendants().toList();
        // Through the handle: Process.destroy*() would also close our end of the pipe and lose
        // the output still in it.
        process.toHandle().destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitGone(Timing.scaled(Duration.ofSeconds(5)));
    }

    /**
     * SIGTERM, then up to the spec's stop timeout (scaled) for it to exit, then SIGKILL.
     * Descendants still alive afterwards are killed too. Returns the exit code.
     */
    public int stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.toHandle().destroy();
        try {
            if (!process.waitFor(Timing.scaled(spec.stopTimeout()).toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitGone(Timing.scaled(Duration.ofSeconds(5)));
        return process.exitValue();
    }

    /** SIGSTOP to this pid: the process freezes as in a long GC pause or a stopped VM. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT to this pid after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    /**
     * SIGSTOP to this pid and to every descendant it has now (a daemon with the agents it runs):
     * the whole program freezes, as a stopped VM would. Returns the pids stopped, for
     * {@link #resumeTree}.
     */
    public List<Long> pauseTree() {
        List<Long> pids = new ArrayList<>();
        pids.add(pid());
        process.descendants().forEach(d -> pids.add(d.pid()));
        signalAll("STOP", pids);
        return pids;
    }

    /** SIGCONT to the pids {@link #pauseTree} stopped (those still alive). */
    public void resumeTree(List<Long> pids) {
        signalAll("CONT", pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).toList());
    }

    private static void signalAll(String name, List<Long> pids) {
        if (!pids.isEmpty()) {
            Shell.check("sh", "-c", "kill -s " + name + " " + String.join(" ", pids.stream().map(String::valueOf).toList()));
        }
    }

    /** Sends {@code SIGname} (e.g. HUP, USR1) to this pid only. */
    public void signal(String name) {
        if (!name.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("signal name like HUP or STOP expected: " + name);
        }
        // The shell's builtin kill: Java has no API for SIGSTOP/SIGCONT, and procps may be absent.
        Shell.check("sh", "-c", "kill -s " + name + " " + pid());
    }

    /** Waits up to {@code bound} (scaled) for the process to exit; returns its exit code. */
    public int awaitExit(Duration bound) {
        await("exit of " + this).atMost(Timing.scaled(bound)).pollInterval(Duration.ofMillis(20))
                .until(() -> !process.isAlive());
        return process.exitValue();
    }

    /** All lines read so far from stdout (and stderr unless separated), joined with newlines. */
    public String output() {
        return String.join("\n", outputLines());
    }

    public List<String> outputLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Waits up to {@code bound} (scaled) for a line containing {@code text}; returns that line.
     * Fails at once, with the output, if the process exits without printing it.
     */
    public String awaitLine(String text, Duration bound) {
        return await("a line containing '" + text + "' from " + this).atMost(Timing.scaled(bound))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    boolean exited = !process.isAlive();
                    Optional<String> line = firstLineContaining(text);
                    if (line.isEmpty() && exited) {
                        reader.join(Timing.scaled(Duration.ofSeconds(2)).toMillis());
                        line = firstLineContaining(text);
                        if (line.isEmpty()) {
                            throw new IllegalStateException(this + " exited with " + process.exitValue()
                                    + " before printing '" + text + "'; output:\n" + output());
                        }
                    }
                    return line;
                }, Optional::isPresent).orElseThrow();
    }

    private Optional<String> firstLineContaining(String text) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.contains(text)).findFirst();
        }
    }

    /** The file that receives this process's output (appended to across restarts). */
    public Path logFile() {
        return logFile;
    }

    /** Kills the process if it is still running (SIGKILL, by pid). */
    @Override
    public void close() {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            kill9();
        }
        try {
            reader.join(Timing.scaled(Duration.ofSeconds(2)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return host + "/" + spec.name() + " (pid " + pid() + ")";
    }

    private void awaitGone(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + " still alive " + bound.toMillis() + " ms after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this + " to exit", e);
        }
    }

    private void pump(BufferedWriter log) {
        Consumer<String> listener = spec.lineListener().orElse(line -> { });
        try (log; BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                log.write(line);
                log.write('\n');
                if (!in.ready()) {
                    log.flush();
                }
                try {
                    listener.accept(line);
                } catch (RuntimeException e) {
                    log.write("### line listener failed: " + e + "\n");
                }
            }
            log.write("### " + Instant.now() + " output closed" + exitCode().stream()
                    .mapToObj(code -> ", exit " + code).findFirst().orElse("") + "\n");
        } catch (IOException e) {
            // The stream closes when the process is killed; nothing more to read.
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }
}
