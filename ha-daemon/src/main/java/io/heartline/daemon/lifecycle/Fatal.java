package io.heartline.daemon.lifecycle;

import io.heartline.core.ExitCode;
import io.heartline.daemon.loop.FatalHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way out when the daemon cannot go on: a {@code Throwable} on the event loop (including
 * {@code OutOfMemoryError} and {@code StackOverflowError}), any uncaught failure on a
 * {@code heartline-*} thread, or an {@code Error} on any thread. It says so on stderr and in the
 * log, releases the VIPs (best effort, at most {@link #RELEASE_BUDGET_MS} ms, on a thread made at
 * start so that nothing needs to be allocated or created now), and halts the JVM with
 * {@link ExitCode#HALTED}. A daemon that is not working must not look alive: the peer takes over
 * on silence and systemd restarts this one. Shutdown hooks do not run (SIGTERM's handover needs
 * the loop that just failed).
 */
public final class Fatal implements FatalHandler, Thread.UncaughtExceptionHandler {
    /** How long the VIP release may take before the halt. */
    static final long RELEASE_BUDGET_MS = 500;
    private static final Logger log = LoggerFactory.getLogger(Fatal.class);

    private final AtomicBoolean dying = new AtomicBoolean();
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final IntConsumer halt;

    /**
     * @param releaseVips removes this node's VIPs without ARP; runs on its own thread only when dying
     * @param halt        ends the process ({@code Runtime.getRuntime()::halt}; tests record instead)
     */
    Fatal(Runnable releaseVips, IntConsumer halt) {
        this.halt = halt;
        Thread releaser = new Thread(() -> {
            try {
                go.await();
                releaseVips.run();
            } catch (Throwable t) {
                say("releasing the VIPs failed: " + t);
            } finally {
                released.countDown();
            }
        }, "heartline-fatal-release");
        releaser.setDaemon(true);
        releaser.start();
    }

    static Fatal halting(Runnable releaseVips) {
        return new Fatal(releaseVips, code -> Runtime.getRuntime().halt(code));
    }

    /** Every thread's last word: our threads and any Error end the process; other threads' bugs are logged. */
    void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (t.getName().startsWith("heartline-") || e instanceof Error) {
            die("thread " + t.getName(), e);
        } else {
            log.error("uncaught exception on thread {} (not on the failover path; the daemon goes on)", t.getName(), e);
        }
    }

    @Override
    public void die(String where, Throwable cause) {
        if (!dying.compareAndSet(false, true)) {
            return; // another thread is already ending the process
        }
        say("FATAL: " + where + " failed: " + cause + "; releasing the VIPs and exiting with " + ExitCode.HALTED.code());
        try {
            log.error("FATAL: {} failed; releasing the VIPs and exiting with {}", where, ExitCode.HALTED.code(), cause);
        } catch (Throwable ignored) {
            // the log may need memory we do not have; stderr already has it
        }
        go.countDown();
        try {
            if (!released.await(RELEASE_BUDGET_MS, TimeUnit.MILLISECONDS)) {
                say("VIP release did not finish within " + RELEASE_BUDGET_MS + " ms; halting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable ignored) {
            // halt regardless
        }
        halt.accept(ExitCode.HALTED.code());
    }

    private static void say(String line) {
        try {
            System.err.println("heartline: " + line);
            System.err.flush();
        } catch (Throwable ignored) {
            // nothing left to say it with
        }
    }
}
