package io.heartline.daemon.systemd;

import io.heartline.core.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's whole systemd integration behind three calls: {@link #ready} (READY=1, and the
 * watchdog starts pinging if the unit has {@code WatchdogSec=}), {@link #stopping} (STOPPING=1 at
 * SIGTERM) and {@link #close}. Everything is a no-op outside systemd. The unit file is
 * {@code etc/heartline.service}.
 */
public final class Systemd implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Systemd.class);
    /** Not run by systemd. */
    public static final Systemd NONE = new Systemd(SystemdNotifier.NONE, Optional.empty());

    private final SystemdNotifier notifier;
    private final Optional<LoopWatchdog> watchdog;

    Systemd(SystemdNotifier notifier, Optional<LoopWatchdog> watchdog) {
        this.notifier = notifier;
        this.watchdog = watchdog;
    }

    /**
     * From this process's environment ({@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}, {@code WATCHDOG_PID}).
     *
     * @param probe  a query to the event loop that completes on the loop's thread when it runs
     * @param timers where the watchdog's ticks run
     * @throws IllegalArgumentException naming the variable when systemd's environment is malformed
     */
    public static Systemd fromEnvironment(Supplier<? extends CompletableFuture<?>> probe, Clock clock,
                                          ScheduledExecutorService timers) {
        return from(System.getenv(), ProcessHandle.current().pid(), probe, clock, timers);
    }

    static Systemd from(Map<String, String> env, long pid, Supplier<? extends CompletableFuture<?>> probe, Clock clock,
                        ScheduledExecutorService timers) {
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment(env);
        if (!notifier.enabled()) {
            return NONE;
        }
        Optional<Duration> period = WatchdogSettings.period(env, pid);
        period.ifPresent(p -> log.info("systemd watchdog: {} ms, pinging every {} ms while the event loop answers",
                p.toMillis(), p.toMillis() / 2));
        return new Systemd(notifier, period.map(p -> new LoopWatchdog(notifier, probe, p, clock, timers)));
    }

    /** The daemon is up and its control socket listens. */
    public void ready(String status) {
        notifier.ready(status);
        watchdog.ifPresent(LoopWatchdog::start);
    }

    public void status(String status) {
        notifier.status(status);
    }

    /** SIGTERM: the handover begins. The watchdog keeps pinging while the loop answers. */
    public void stopping(String status) {
        notifier.stopping(status);
    }

    @Override
    public void close() {
        watchdog.ifPresent(LoopWatchdog::close);
    }
}
