package io.heartline.resources.lvs;

import io.heartline.core.Clock;
import io.heartline.resources.AgentSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a running {@link RealServerChecker} is made of: its threads, ipvsadm, the checks and the
 * clock. {@link #real} gives the daemon's; a test gives virtual ones.
 */
public interface CheckerParts {

    /** The single thread that owns the checker's state ({@code heartline-lvs-NAME}). */
    ScheduledExecutorService loop(String name);

    /** Threads for the checks, at most {@code threads} at once (one per real server). */
    ExecutorService workers(String name, int threads);

    Ipvsadm ipvsadm();

    RealServerCheck check(CheckSpec spec, IpvsService service, Endpoint server);

    Clock clock();

    /** Daemon threads, ipvsadm from the PATH behind the agents' command prefix, the real checks. */
    static CheckerParts real(AgentSettings settings) {
        Ipvsadm ipvsadm = Ipvsadm.onPath(settings.commandPrefix(), settings.clock());
        return new CheckerParts() {
            @Override
            public ScheduledExecutorService loop(String name) {
                ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, threads("heartline-lvs-" + name));
                ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
                ex.setRemoveOnCancelPolicy(true);
                return ex;
            }

            @Override
            public ExecutorService workers(String name, int threads) {
                // Never more than one check per server runs, so `threads` are enough and nothing queues.
                return new ThreadPoolExecutor(0, Math.max(1, threads), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        threads("heartline-lvs-check-" + name));
            }

            @Override
            public Ipvsadm ipvsadm() {
                return ipvsadm;
            }

            @Override
            public RealServerCheck check(CheckSpec spec, IpvsService service, Endpoint server) {
                return RealServerCheck.of(spec, service, server, settings.clock());
            }

            @Override
            public Clock clock() {
                return settings.clock();
            }
        };
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
