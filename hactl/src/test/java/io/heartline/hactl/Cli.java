package io.heartline.hactl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs hactl in-process with a fixed clock and a pacer that never sleeps, and captures what it printed. */
final class Cli {
    /** The wall time every test's hactl sees. */
    static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

    private Cli() {
    }

    /** Exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
    }

    /** Lets a polling loop go round {@code rounds} times, and records the waits it asked for. */
    static final class CountingPacer implements Env.Pacer {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final int rounds;

        CountingPacer(int rounds) {
            this.rounds = rounds;
        }

        @Override
        public boolean pause(Duration interval) {
            waits.add(interval);
            return waits.size() <= rounds;
        }
    }

    /** The network interfaces every test's hactl sees, whatever the machine has. */
    static final java.util.Set<String> INTERFACES = java.util.Set.of("lo", "eth0", "eth1");

    static Env env(Env.Pacer pacer) {
        return new Env(Clock.fixed(NOW, ZoneOffset.UTC), pacer, INTERFACES::contains);
    }

    static Run hactl(String... args) {
        return hactl(env(new CountingPacer(0)), args);
    }

    static synchronized Run hactl(Env env, String... args) {
        return captured(() -> {
            var cl = Hactl.commandLine(env);
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            return cl.execute(args);
        });
    }

    /** {@link QuickStatus#run} as {@code Main} runs it; code -1 when it leaves {@code args} to picocli. */
    static synchronized Run quick(String... args) {
        return captured(() -> QuickStatus.run(args).orElse(-1));
    }

    private static Run captured(java.util.function.IntSupplier run) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = run.getAsInt();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
