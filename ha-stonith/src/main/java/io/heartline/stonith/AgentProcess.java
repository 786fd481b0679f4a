package io.heartline.stonith;

import io.heartline.core.Clock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one agent program: starts it, feeds its standard input, captures stdout and stderr
 * (bounded), and at the timeout kills it together with every process it started
 * ({@link ProcessHandle#descendants()}, {@code SIGKILL}).
 *
 * <p>Secrets never reach the logs: the command line is logged, standard input (where fence
 * agents get their passwords) never is, and every given secret is masked in the captured output.
 *
 * <p>Limit: a process forked by a descendant in the instant between the snapshot of the tree
 * and the kill escapes (Java offers no process-group kill); fence agents do not do that.
 */
public final class AgentProcess {
    /** Bytes kept of each of stdout and stderr; the rest is read and dropped. */
    public static final int DEFAULT_OUTPUT_LIMIT = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(AgentProcess.class);
    /** How long to wait for the output pipes to close once the process is gone. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(1);
    private static final String MASK = "******";

    private final Clock clock;
    private final int outputLimit;

    public AgentProcess(Clock clock) {
        this(clock, DEFAULT_OUTPUT_LIMIT);
    }

    public AgentProcess(Clock clock, int outputLimit) {
        if (outputLimit < 1) {
            throw new IllegalArgumentException("outputLimit must be positive: " + outputLimit);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outputLimit = outputLimit;
    }

    /** How a run ended. */
    public enum Ending {
        /** The program exited by itself; {@link Result#exitCode()} holds its code. */
        EXITED,
        /** Still running at the timeout: it and its descendants were killed. */
        TIMED_OUT,
        /** The program could not be started (missing, not executable). */
        NOT_STARTED,
        /** The calling thread was interrupted; the program was killed and the flag restored. */
        INTERRUPTED
    }

    /**
     * What a run produced.
     *
     * @param exitCode the exit code if {@link Ending#EXITED}, else -1
     * @param error    why it did not start, else empty
     */
    public record Result(Ending ending, int exitCode, String stdout, String stderr, Duration took, String error) {
        public boolean exited(int code) {
            return ending == Ending.EXITED && exitCode == code;
        }
    }

    /**
     * Runs {@code command} with {@code stdin} as its whole standard input (then closed).
     *
     * @param secrets strings masked wherever they appear in the captured output
     */
    public Result run(List<String> command, String stdin, Duration timeout, Collection<String> secrets) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        String program = Path.of(command.get(0)).getFileName().toString();
        long start = clock.monotonicNanos();
        log.debug("running {} (timeout {} ms)", command, timeout.toMillis());
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            // ProcessBuilder says 'Cannot run program "X": error=2, ...' with the errno in its cause.
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return new Result(Ending.NOT_STARTED, -1, "", "", since(start), "cannot run " + command.get(0) + ": " + why);
        }
        OutputPump out = OutputPump.start(process.getInputStream(), outputLimit, program + "-stdout");
        OutputPump err = OutputPump.start(process.getErrorStream(), outputLimit, program + "-stderr");
        writeStdin(process, stdin, program);
        Ending ending = await(process, timeout, program);
        Duration took = since(start);
        String stdout = mask(out.await(DRAIN_WAIT), secrets);
        String stderr = mask(err.await(DRAIN_WAIT), secrets);
        int exit = ending == Ending.EXITED ? process.exitValue() : -1;
        log.debug("{} ended {} exit {} after {} ms", program, ending, exit, took.toMillis());
        return new Result(ending, exit, stdout, stderr, took, "");
    }

    private Ending await(Process process, Duration timeout, String program) {
        try {
            if (process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                return Ending.EXITED;
            }
            log.warn("{} still running after {} ms: killing it and its children", program, timeout.toMillis());
            killTree(process.toHandle());
            return Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            return Ending.INTERRUPTED;
        }
    }

    /** SIGKILLs {@code root} and all its descendants; the tree is read first, as orphans lose their parent link. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static void writeStdin(Process process, String stdin, String program) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The agent exited (or closed stdin) without reading everything: its exit code tells.
            log.debug("{} did not take all of its input: {}", program, e.getMessage());
        }
    }

    private Duration since(long startNanos) {
        return Duration.ofNanos(clock.monotonicNanos() - startNanos);
    }

    static String mask(String text, Collection<String> secrets) {
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
