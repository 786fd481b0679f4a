package io.heartline.core.process;

import io.heartline.core.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One process group, read from {@code /proc} and signalled as a whole with {@code kill(-pgid)}.
 * Members are found by their {@code pgrp} in {@code /proc/PID/stat}, not by parent links, so a
 * double-forked child that was re-parented to init is still found, and still signalled.
 * Zombies do not count: they have exited and only wait for their new parent to reap them.
 */
record ProcessGroup(long pgid) {
    /** How long one wait for a member to exit lasts before the group is read again. */
    private static final long POLL_MILLIS = 20;
    private static final Path PROC = Path.of("/proc");
    private static final List<String> SH = List.of("/bin/sh", "-c", "kill -s \"$1\" -- \"-$2\"", "heartline-kill");

    /** The process's {@code /proc/PID/stat} fields after the command name: state, ppid, pgrp, session, ... */
    static Optional<String[]> stat(long pid) {
        try {
            String s = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            int close = s.lastIndexOf(')');
            return close < 0 ? Optional.empty() : Optional.of(s.substring(close + 2).strip().split(" "));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The group of {@code pid}, if it exists. */
    static Optional<Long> of(long pid) {
        return stat(pid).map(f -> Long.parseLong(f[2]));
    }

    /** True if {@code pid} is running: present and not a zombie. */
    static boolean running(long pid) {
        return stat(pid).map(f -> !f[0].equals("Z") && !f[0].equals("X")).orElse(false);
    }

    /** The running (not zombie) members, read from {@code /proc} now. */
    List<Long> members() {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid -> stat(pid).ifPresent(f -> {
                        if (Long.parseLong(f[2]) == pgid && !f[0].equals("Z") && !f[0].equals("X")) {
                            out.add(pid);
                        }
                    }));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Sends {@code signal} (TERM, KILL) to every member at once: {@code kill -s SIGNAL -- -PGID}
     * through the shell's built-in kill, which every system has. True if the shell said it was sent.
     */
    boolean signal(String signal) {
        List<String> command = new ArrayList<>(SH);
        command.add(signal);
        command.add(Long.toString(pgid));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until no member runs or {@code deadlineNanos} on {@code clock} passes;
     * true if the group is empty. Waits on a member's exit, reading the group again every
     * {@value #POLL_MILLIS} ms for members it had not seen.
     */
    boolean awaitEmpty(Clock clock, long deadlineNanos) {
        while (true) {
            List<Long> left = members();
            if (left.isEmpty()) {
                return true;
            }
            long remaining = deadlineNanos - clock.monotonicNanos();
            if (remaining <= 0) {
                return false;
            }
            Optional<ProcessHandle> h = ProcessHandle.of(left.get(0));
            if (h.isEmpty()) {
                continue;
            }
            try {
                h.get().onExit().get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running (or a zombie the JDK still counts): read the group again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return members().isEmpty();
            }
        }
    }
}
