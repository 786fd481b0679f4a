package io.heartline.heartbeat;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A null-modem cable made of two ptys joined by socat ({@code socat -d -d pty,raw,echo=0,link=A
 * pty,raw,echo=0,link=B}): what is written to {@link #a()} is read from {@link #b()} and the
 * other way round. {@link #cut()} kills this socat by its PID (the links vanish, both ends read
 * {@code EIO}); {@link #restore()} starts a new one with the same link names. socat's log goes to
 * {@code socat.log} in the directory. Needs {@code socat} ({@code apt-get install socat}).
 */
final class SocatPair implements AutoCloseable {
    private static final Duration START_BOUND = Duration.ofSeconds(5);

    private final Path dir;
    private final Path a;
    private final Path b;
    private Process socat;

    private SocatPair(Path dir) {
        this.dir = dir;
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
    }

    /** A running pair with its links in {@code dir} (one directory per pair). */
    static SocatPair start(Path dir) {
        SocatPair pair = new SocatPair(dir);
        pair.restore();
        return pair;
    }

    Path a() {
        return a;
    }

    Path b() {
        return b;
    }

    /** socat's PID, while it runs. */
    long pid() {
        return socat.pid();
    }

    /** Starts socat (again) with the same link names, and waits until both links lead to a pty. */
    void restore() {
        if (socat != null && socat.isAlive()) {
            throw new IllegalStateException("socat already runs as " + socat.pid());
        }
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("socat.log").toFile()));
        try {
            socat = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run socat, which the serial tests need as a null-modem cable: "
                    + e.getMessage() + ". Install it: apt-get install -y socat", e);
        }
        try {
            await().atMost(Timing.scaled(START_BOUND)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !socat.isAlive() || (Files.exists(a) && Files.exists(b)));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("socat made no ptys: " + log(), e);
        }
        if (!socat.isAlive()) {
            throw new IllegalStateException("socat exited with " + socat.exitValue() + ": " + log());
        }
    }

    /** Kills socat (SIGTERM to its PID) and waits for it to be gone: the cable is cut. */
    void cut() {
        Process p = socat;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(Timing.scaled(START_BOUND).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(Timing.scaled(START_BOUND).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log() {
        try {
            File f = dir.resolve("socat.log").toFile();
            return f.exists() ? Files.readString(f.toPath()) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cut();
    }
}
