package io.heartline.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short command to completion with a bound, capturing stdout and stderr. Long-running
 * programs go through the cluster lab's {@code Lab.start} instead.
 */
public final class Shell {
    /** The bound for one command when the caller gives none (scaled by {@link Timing}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shell-drain");
        t.setDaemon(true);
        return t;
    });

    private Shell() {
    }

    /** What a finished command left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, Duration took) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Stdout split into lines, without the trailing empty line. */
        public List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }
    }

    /** A command failed, timed out or could not be started; the message says which and why. */
    public static final class ShellException extends RuntimeException {
        private final transient Result result;

        public ShellException(String message, Result result, Throwable cause) {
            super(message, cause);
            this.result = result;
        }

        /** The result when the command ran to an exit code, else null. */
        public Result result() {
            return result;
        }
    }

    /** Runs {@code command}; throws {@link ShellException} unless it exits 0. */
    public static Result check(String... command) {
        return check(List.of(command), Timing.scaled(DEFAULT_TIMEOUT));
    }

    /** Runs {@code command}; throws {@link ShellException} unless it exits 0 within {@code timeout}. */
    public static Result check(List<String> command, Duration timeout) {
        Result result = run(command, timeout);
        if (!result.ok()) {
            throw new ShellException("command failed (exit " + result.exitCode() + "): " + render(command)
                    + describeOutput(result), result, null);
        }
        return result;
    }

    /** Runs {@code command} with the default bound and returns whatever exit code it had. */
    public static Result run(String... command) {
        return run(List.of(command), Timing.scaled(DEFAULT_TIMEOUT));
    }

    /**
     * Runs {@code command} and returns whatever exit code it had. Throws {@link ShellException}
     * only when it cannot be started or outlives {@code timeout} (it is then killed).
     */
    public static Result run(List<String> command, Duration timeout) {
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new ShellException("cannot start: " + render(command) + ": " + e.getMessage(), null, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // stdin closed already: nothing to tell the command
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                throw new ShellException("timed out after " + timeout.toMillis() + " ms (killed pid "
                        + process.pid() + "): " + render(command) + "\nstderr so far: " + err.getNow(""), null, null);
            }
            // A grandchild that kept our pipes open must not hang the caller.
            String stdout = out.get(2, TimeUnit.SECONDS);
            String stderr = err.get(2, TimeUnit.SECONDS);
            return new Result(List.copyOf(command), process.exitValue(), stdout, stderr,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ShellException("interrupted while running: " + render(command), null, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ShellException("cannot read the output of: " + render(command), null, e);
        }
    }

    /** The command as one line a person can paste into a shell. */
    public static String render(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String word : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean plain = !word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@%+".indexOf(c) >= 0);
            sb.append(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    private static String describeOutput(Result result) {
        StringBuilder sb = new StringBuilder();
        if (!result.stderr().isBlank()) {
            sb.append("\nstderr: ").append(result.stderr().strip());
        }
        if (!result.stdout().isBlank()) {
            sb.append("\nstdout: ").append(result.stdout().strip());
        }
        return sb.toString();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINERS);
    }
}
