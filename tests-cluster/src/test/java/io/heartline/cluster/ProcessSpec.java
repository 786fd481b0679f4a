package io.heartline.cluster;

import io.heartline.testkit.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What {@link Lab#start} runs inside a host: an immutable description with withers.
 *
 * <pre>{@code
 * ProcessSpec.of("echo", "socat", "TCP-LISTEN:8080,fork", "EXEC:echo node-a")
 *            .env("LANG", "C").onLine(line -> ...)
 * }</pre>
 */
public final class ProcessSpec {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    private final Consumer<String> lineListener;
    private final boolean separateStderr;
    private final Duration stopTimeout;

    private ProcessSpec(String name, List<String> command, Map<String, String> env, Path workDir,
            Consumer<String> lineListener, boolean separateStderr, Duration stopTimeout) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("process name must match " + NAME + " (it names the log file): " + name);
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command for " + name);
        }
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.lineListener = lineListener;
        this.separateStderr = separateStderr;
        this.stopTimeout = Objects.requireNonNull(stopTimeout);
    }

    /** A process called {@code name} (it names the log file) running {@code command}. */
    public static ProcessSpec of(String name, String... command) {
        return of(name, List.of(command));
    }

    public static ProcessSpec of(String name, List<String> command) {
        return new ProcessSpec(name, command, Map.of(), null, null, false, Duration.ofSeconds(10));
    }

    /** Adds an environment variable on top of the test JVM's environment. */
    public ProcessSpec env(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(key, value);
        return new ProcessSpec(name, command, more, workDir, lineListener, separateStderr, stopTimeout);
    }

    public ProcessSpec workDir(Path dir) {
        return new ProcessSpec(name, command, env, dir, lineListener, separateStderr, stopTimeout);
    }

    /**
     * Called from the process's reader thread with every stdout line as it arrives (stderr
     * too unless {@link #separateStderr()}); must be quick and must not throw.
     */
    public ProcessSpec onLine(Consumer<String> listener) {
        return new ProcessSpec(name, command, env, workDir, listener, separateStderr, stopTimeout);
    }

    /** Sends stderr to its own file {@code HOST-NAME.err.log} instead of mixing it into stdout. */
    public ProcessSpec separateStderr() {
        return new ProcessSpec(name, command, env, workDir, lineListener, true, stopTimeout);
    }

    /** How long {@link LabProcess#stop()} waits after SIGTERM before SIGKILL (scaled by Timing). */
    public ProcessSpec stopTimeout(Duration timeout) {
        return new ProcessSpec(name, command, env, workDir, lineListener, separateStderr, timeout);
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> env() {
        return env;
    }

    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    public Optional<Consumer<String>> lineListener() {
        return Optional.ofNullable(lineListener);
    }

    public boolean isStderrSeparate() {
        return separateStderr;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    @Override
    public String toString() {
        return name + ": " + Shell.render(command);
    }
}
