package io.heartline.core.process;

import io.heartline.core.Clock;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one agent program (an OCF/LSB/heartbeat resource agent, a {@code fence_*} agent, a
 * script) for the caller, who sets its timeout: argv, environment, standard input text,
 * stdout and stderr captured up to a bound each (the rest is dropped and counted).
 *
 * <p><b>Its own process group.</b> The agent is started as {@code setsid --wait ARGV...}
 * (util-linux, in every Debian system), so it leads a new session and process group whose id is
 * its pid. At the timeout (or an interrupt) the whole group gets SIGTERM, then, whatever still
 * runs after the grace period, SIGKILL, both with {@code kill(-pgid)}. Members are found by their
 * group in {@code /proc}, so a child that double-forked and was re-parented to init (out of
 * {@link ProcessHandle#descendants()}' sight) dies with the rest. The process tree as seen at
 * the timeout is signalled too, for a child that made a session of its own. Only a process that
 * both left the tree and made its own session before the timeout escapes, as a daemon means to;
 * that takes cgroups to catch. An agent that exits by itself is never signalled: a {@code start}
 * may rightly leave its daemon behind.
 *
 * <p><b>Output</b> goes to temporary files, not pipes: an agent that leaves a background
 * process holding its stdout (IPaddr2's {@code send_arp}, a forking server) cannot make us wait
 * for an end-of-file that never comes. Secrets given with the command are masked in what is kept;
 * the command line is logged at debug, standard input (where fence agents get passwords) never.
 */
public final class AgentProcess {
    /** Default bound on captured stdout and on captured stderr, each. */
    public static final int DEFAULT_OUTPUT_LIMIT = 64 * 1024;
    /** Default time between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
    /** Standard input is at most this long: below a pipe's capacity, so writing it never blocks. */
    public static final int MAX_STDIN = 60 * 1024;
    /** util-linux's setsid: makes the agent a session and process group leader. */
    static final String SETSID = "/usr/bin/setsid";

    private static final Logger log = LoggerFactory.getLogger(AgentProcess.class);
    private static final File DEV_NULL = new File("/dev/null");
    private static final String MASK = "******";

    private final Clock clock;
    private final int outputLimit;
    private final Duration killGrace;

    /** How a run ended. */
    public enum Ending {
        /** The program exited by itself; {@link Result#exitCode()} holds its code. */
        EXITED,
        /** Still running at the timeout: its process group was killed. */
        TIMED_OUT,
        /** The program could not be started (missing, not executable); see {@link Result#error()}. */
        NOT_STARTED,
        /** The calling thread was interrupted; the group was killed and the flag restored. */
        INTERRUPTED
    }

    /**
     * What to run.
     *
     * @param argv           the program and its arguments
     * @param env            variables set on top of the JVM's environment
     * @param unsetPrefixes  inherited variables with these prefixes are removed first (OCF agents: {@code OCF_})
     * @param stdin          the whole standard input, then closed; empty means {@code /dev/null}
     * @param secrets        strings masked wherever they appear in the captured output
     */
    public record Command(List<String> argv, Map<String, String> env, List<String> unsetPrefixes, String stdin,
                          List<String> secrets) {
        public Command {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
            unsetPrefixes = List.copyOf(unsetPrefixes);
            Objects.requireNonNull(stdin, "stdin");
            secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw new IllegalArgumentException("empty command");
            }
            if (stdin.getBytes(StandardCharsets.UTF_8).length > MAX_STDIN) {
                throw new IllegalArgumentException("standard input longer than " + MAX_STDIN + " bytes");
            }
        }

        public static Command of(List<String> argv) {
            return new Command(argv, Map.of(), List.of(), "", List.of());
        }

        public static Command of(String... argv) {
            return of(List.of(argv));
        }

        public Command withEnv(Map<String, String> variables) {
            return new Command(argv, variables, unsetPrefixes, stdin, secrets);
        }

        /** Drops inherited variables whose names start with {@code prefix} (those in {@link #env} stay). */
        public Command withoutInherited(String prefix) {
            List<String> p = new ArrayList<>(unsetPrefixes);
            p.add(prefix);
            return new Command(argv, env, p, stdin, secrets);
        }

        public Command withStdin(String text) {
            return new Command(argv, env, unsetPrefixes, text, secrets);
        }

        public Command withSecrets(Collection<String> masked) {
            return new Command(argv, env, unsetPrefixes, stdin, new ArrayList<>(masked));
        }

        /** The program's file name, for logs and thread names. */
        String program() {
            return Path.of(argv.get(0)).getFileName().toString();
        }
    }

    /**
     * What a run came to.
     *
     * @param exitCode      the exit code if {@link Ending#EXITED}, else -1
     * @param stdout        what was kept of stdout, masked, with a note of what was dropped
     * @param stdoutDropped bytes of stdout beyond the bound, not kept
     * @param error         why it did not start, else empty
     */
    public record Result(Ending ending, int exitCode, String stdout, String stderr, long stdoutDropped,
                         long stderrDropped, Duration took, String error) {
        public boolean exited(int code) {
            return ending == Ending.EXITED && exitCode == code;
        }

        /** Killed at the timeout (not by an interrupt). */
        public boolean timedOut() {
            return ending == Ending.TIMED_OUT;
        }

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
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
        this.outputLimit = outputLimit;
        this.killGrace = killGrace;
    }

    /** Runs {@code command}; returns when it exits or, at {@code timeout}, once its group is killed. */
    public Result run(Command command, Duration timeout) {
        long start = clock.monotonicNanos();
        Optional<String> unrunnable = Executables.whyNot(command.argv().get(0), command.env());
        if (unrunnable.isPresent()) {
            return notStarted(command, start, unrunnable.get());
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("heartline-agent-", ".out");
            err = Files.createTempFile("heartline-agent-", ".err");
            return run(command, timeout, start, out, err);
        } catch (IOException e) {
            return notStarted(command, start, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private Result run(Command command, Duration timeout, long start, Path out, Path err) throws IOException {
        List<String> argv = new ArrayList<>(List.of(SETSID, "--wait"));
        argv.addAll(command.argv());
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (command.stdin().isEmpty()) {
            pb.redirectInput(DEV_NULL);
        }
        pb.environment().keySet().removeIf(k -> command.unsetPrefixes().stream().anyMatch(k::startsWith));
        pb.environment().putAll(command.env());
        log.debug("running {} (timeout {} ms)", command.argv(), timeout.toMillis());
        Process process = pb.start();
        if (!command.stdin().isEmpty()) {
            writeStdin(process, command.stdin(), command.program());
        }
        Ending ending = await(process, timeout, command.program());
        Duration took = Duration.ofNanos(clock.monotonicNanos() - start);
        Captured stdout = read(out, command.secrets());
        Captured stderr = read(err, command.secrets());
        int exit = ending == Ending.EXITED ? process.exitValue() : -1;
        log.debug("{} ended {} exit {} after {} ms", command.program(), ending, exit, took.toMillis());
        return new Result(ending, exit, stdout.text(), stderr.text(), stdout.dropped(), stderr.dropped(), took, "");
    }

    private Ending await(Process process, Duration timeout, String program) {
        try {
            if (process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                return Ending.EXITED;
            }
            log.warn("{} still running after {} ms: killing its process group", program, timeout.toMillis());
            kill(process);
            return Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return Ending.INTERRUPTED;
        }
    }

    /**
     * SIGTERM to the agent's process group (and the tree as it is now), SIGKILL to whatever still
     * runs after the grace period. Never signals our own group.
     */
    void kill(Process process) {
        boolean interrupted = Thread.interrupted();
        try {
            ProcessHandle root = process.toHandle();
            Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
            tree.add(root);
            Optional<ProcessGroup> group = ProcessGroup.of(root.pid())
                    .filter(pgid -> pgid == root.pid() && !ownGroup(pgid))
                    .map(ProcessGroup::new);
            group.ifPresent(g -> g.signal("TERM"));
            tree.forEach(ProcessHandle::destroy);
            long deadline = clock.monotonicNanos() + killGrace.toNanos();
            awaitExit(process, deadline);
            boolean empty = group.map(g -> g.awaitEmpty(clock, deadline)).orElse(true);
            List<ProcessHandle> survivors = tree.stream().filter(h -> ProcessGroup.running(h.pid())).toList();
            if (empty && survivors.isEmpty()) {
                return;
            }
            group.ifPresent(g -> g.signal("KILL"));
            for (ProcessHandle h : survivors) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            }
            long killDeadline = clock.monotonicNanos() + killGrace.toNanos();
            awaitExit(process, killDeadline);
            if (!group.map(g -> g.awaitEmpty(clock, killDeadline)).orElse(true)) {
                log.warn("process group {} still has members after SIGKILL: {}", group.get().pgid(), group.get().members());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean ownGroup(long pgid) {
        return ProcessGroup.of(ProcessHandle.current().pid()).map(own -> own == pgid).orElse(true);
    }

    private void awaitExit(Process process, long deadlineNanos) {
        try {
            process.waitFor(Math.max(0, deadlineNanos - clock.monotonicNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeStdin(Process process, String stdin, String program) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The agent exited (or closed stdin) without reading everything: its exit code tells.
            log.debug("{} did not take all of its input: {}", program, e.getMessage());
        }
    }

    private record Captured(String text, long dropped) {
    }

    private Captured read(Path file, List<String> secrets) throws IOException {
        long size = Files.size(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(outputLimit);
        }
        String text = mask(new String(head, StandardCharsets.UTF_8), secrets);
        long dropped = Math.max(0, size - head.length);
        return new Captured(dropped > 0 ? text + "\n[... " + dropped + " more bytes not kept]" : text, dropped);
    }

    static String mask(String text, List<String> secrets) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    private Result notStarted(Command command, long start, String why) {
        String error = "cannot run " + command.argv().get(0) + ": " + why;
        log.debug("{}", error);
        return new Result(Ending.NOT_STARTED, -1, "", "", 0, 0, Duration.ofNanos(clock.monotonicNanos() - start), error);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
