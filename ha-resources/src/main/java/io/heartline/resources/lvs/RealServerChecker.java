package io.heartline.resources.lvs;

import io.heartline.core.Clock;
import io.heartline.resources.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the real-server checks of one {@code lvs-director} resource while it runs on this node.
 *
 * <p><b>Threads.</b> One thread, {@code loop}, owns every server's state: it starts each check
 * every {@code interval}, counts results, decides ({@link TablePlan}) and changes the table
 * ({@link TableKeeper}). The checks themselves block, so they run on {@code workers}, at most one
 * per server at a time: a check is counted as failed at its timeout whether or not it ever
 * returns (a late answer is dropped); while it still runs no other check of that server starts,
 * and once it has run a whole interval past its timeout every further interval counts as
 * another failure, so a check that hangs for good takes its server down. The event loop is
 * never involved.
 *
 * <p><b>Maintenance</b> ({@link #hold}): checks go on, the table is left as it is.
 *
 * <p><b>Time.</b> Every timer is on {@code loop} and every instant from the {@link Clock}, so the
 * whole thing runs in virtual time on a test scheduler.
 */
public final class RealServerChecker {
    private static final Logger log = LoggerFactory.getLogger(RealServerChecker.class);

    private final String group;
    private final String resource;
    private final List<VirtualServices.VirtualService> services;
    private final ScheduledExecutorService loop;
    private final Executor workers;
    private final Clock clock;
    private final TableKeeper table;
    private final RealServerListener listener;
    private final List<Slot> slots = new ArrayList<>();
    private boolean stopped;
    private boolean held;
    private volatile List<RealServerStatus> status = List.of();

    /** One real server's checking state; touched on {@code loop} only. */
    private static final class Slot {
        final VirtualServices.VirtualService vs;
        final VirtualServices.Checked server;
        final RealServerCheck check;
        RealServerHealth health = RealServerHealth.initial();
        long generation;
        boolean running;
        boolean counted;
        long startedAt;
        ScheduledFuture<?> next;
        ScheduledFuture<?> deadline;
        CheckResult last;
        Instant lastAt;
        long checks;
        long failures;

        Slot(VirtualServices.VirtualService vs, VirtualServices.Checked server, RealServerCheck check) {
            this.vs = vs;
            this.server = server;
            this.check = check;
        }

        CheckSpec spec() {
            return server.check();
        }
    }

    /**
     * @param checks makes the check of each server (the real ones: {@link RealServerCheck#of})
     */
    RealServerChecker(String group, String resource, List<VirtualServices.VirtualService> services, TableKeeper table,
                      ScheduledExecutorService loop, Executor workers, Clock clock, RealServerListener listener,
                      CheckFactory checks) {
        this.group = group;
        this.resource = resource;
        this.services = List.copyOf(services);
        this.table = table;
        this.loop = loop;
        this.workers = workers;
        this.clock = clock;
        this.listener = listener;
        for (VirtualServices.VirtualService vs : services) {
            for (VirtualServices.Checked c : vs.dests()) {
                slots.add(new Slot(vs, c, checks.make(c.check(), vs.service(), c.dest().server())));
            }
        }
        publish();
    }

    /** One check's run on a worker thread: the server it checks, and the work. */
    record CheckRun(Endpoint server, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    /** Makes the check of one server. */
    @FunctionalInterface
    interface CheckFactory {
        RealServerCheck make(CheckSpec spec, IpvsService service, Endpoint server);
    }

    /** How many servers are checked (the most checks that can run at once). */
    int servers() {
        return slots.size();
    }

    /** Starts every server's first check now, then one per interval. */
    void start() {
        loop.execute(() -> guarded(() -> slots.forEach(this::tick)));
    }

    /** No check starts and no table change is made after this has run on {@code loop}. */
    void stop() {
        try {
            loop.execute(() -> {
                stopped = true;
                for (Slot s : slots) {
                    cancel(s.next);
                    cancel(s.deadline);
                }
            });
        } catch (RejectedExecutionException e) {
            stopped = true;
        }
    }

    /**
     * Maintenance: while {@code on}, checks go on and are counted but the table is not changed;
     * when it ends, every service is brought to what its servers' health says at once.
     */
    void hold(boolean on) {
        try {
            loop.execute(() -> guarded(() -> {
                held = on;
                if (!on && !stopped) {
                    services.forEach(this::plan);
                    publish();
                }
            }));
        } catch (RejectedExecutionException e) {
            // stopped: nothing to hold
        }
    }

    /** The latest snapshot of every server; never blocks. */
    List<RealServerStatus> status() {
        return status;
    }

    private void tick(Slot s) {
        if (stopped) {
            return;
        }
        s.next = loop.schedule(() -> guarded(() -> tick(s)), s.spec().interval().toNanos(), TimeUnit.NANOSECONDS);
        if (s.running) {
            long running = clock.monotonicNanos() - s.startedAt;
            if (running >= s.spec().interval().plus(s.spec().timeout()).toNanos()) {
                count(s, CheckResult.fail("the check started " + running / 1_000_000L + " ms ago is still running (hung past its "
                        + s.spec().timeout().toMillis() + " ms timeout)"));
            }
            return;
        }
        long generation = ++s.generation;
        s.running = true;
        s.counted = false;
        s.startedAt = clock.monotonicNanos();
        Duration timeout = s.spec().timeout();
        s.deadline = loop.schedule(() -> guarded(() -> overdue(s, generation)), timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            workers.execute(new CheckRun(s.server.dest().server(), () -> {
                CheckResult r;
                try {
                    r = s.check.check(timeout);
                } catch (RuntimeException e) {
                    r = CheckResult.fail("the check failed: " + e);
                }
                CheckResult result = r;
                try {
                    loop.execute(() -> guarded(() -> finished(s, generation, result)));
                } catch (RejectedExecutionException stoppedMeanwhile) {
                    // the resource stopped while this check ran: nobody wants its result
                }
            }));
        } catch (RejectedExecutionException e) {
            s.running = false;
            cancel(s.deadline);
            count(s, CheckResult.fail("no thread to run the check: " + e.getMessage()));
        }
    }

    private void finished(Slot s, long generation, CheckResult r) {
        if (generation != s.generation) {
            return;
        }
        s.running = false;
        cancel(s.deadline);
        if (s.counted) {
            log.debug("({}/{}) late answer of {} dropped: {}", group, resource, s.server.dest().server(), r.detail());
            return;
        }
        count(s, r);
    }

    private void overdue(Slot s, long generation) {
        if (generation != s.generation || !s.running || s.counted) {
            return;
        }
        count(s, CheckResult.fail("no answer within " + s.spec().timeout().toMillis() + " ms"));
    }

    /** One result for {@code s}: its health, then the table of its service. */
    private void count(Slot s, CheckResult r) {
        if (stopped) {
            return;
        }
        s.counted = true;
        s.last = r;
        s.lastAt = clock.wallTime();
        s.checks++;
        if (!r.passed()) {
            s.failures++;
        }
        Endpoint server = s.server.dest().server();
        listener.checked(group, resource, s.vs.service(), server, r);
        RealServerHealth before = s.health;
        s.health = before.after(r.passed() ? RealServerHealth.Input.PASS : RealServerHealth.Input.FAIL,
                s.spec().rise(), s.spec().fall());
        if (s.health.state() != before.state()) {
            log.warn("({}/{}) real server {} of {} is {}: {}", group, resource, server, s.vs.service(), s.health.state(),
                    r.detail());
            listener.healthChanged(group, resource, s.vs.service(), server, before.state(), s.health.state(), r.detail());
        }
        plan(s.vs);
        publish();
    }

    /** Decides for {@code vs} from its servers' health, and changes the table (not while held). */
    private void plan(VirtualServices.VirtualService vs) {
        if (held) {
            return;
        }
        List<IpvsCommand> plan = TablePlan.plan(vs, health(vs), table.applied(vs.service()));
        if (!plan.isEmpty()) {
            table.apply(vs.service(), plan);
        }
    }

    private Map<Endpoint, RealServerHealth.State> health(VirtualServices.VirtualService vs) {
        Map<Endpoint, RealServerHealth.State> out = new LinkedHashMap<>();
        for (Slot s : slots) {
            if (s.vs == vs) {
                out.put(s.server.dest().server(), s.health.state());
            }
        }
        return out;
    }

    private void publish() {
        List<RealServerStatus> out = new ArrayList<>();
        for (VirtualServices.VirtualService vs : services) {
            Map<Endpoint, Integer> applied = table.applied(vs.service());
            for (Slot s : slots) {
                if (s.vs != vs) {
                    continue;
                }
                IpvsDest d = s.server.dest();
                RealServerHealth h = s.health;
                out.add(new RealServerStatus(vs.service().toString(), d.server().toString(), false, h.state().name(),
                        applied.get(d.server()), d.weight(), s.check.describe(),
                        s.last == null ? null : (s.last.passed() ? "pass: " : "FAIL: ") + s.last.detail(), s.lastAt,
                        h.up() ? h.fails() : h.passes(), s.checks, s.failures));
            }
            if (vs.sorry() != null) {
                Integer w = applied.get(vs.sorry().server());
                out.add(new RealServerStatus(vs.service().toString(), vs.sorry().server().toString(), true,
                        w == null ? "OUT" : "IN", w, vs.sorry().weight(), null, null, null, 0, 0, 0));
            }
        }
        status = List.copyOf(out);
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("({}/{}) real-server checks: unexpected failure (checks go on)", group, resource, e);
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
