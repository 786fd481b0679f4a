package io.heartline.resources.lvs;

import io.heartline.core.VirtualScheduler;
import io.heartline.resources.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Real servers whose checks the test decides: each passes, fails or hangs (its check is handed to
 * a worker that never runs it until {@link #release}). Also the checker's worker pool: checks
 * run on the virtual scheduler at once, those of a hanging server wait.
 */
final class FakeChecks implements RealServerChecker.CheckFactory, Executor {
    private final VirtualScheduler scheduler;
    private final Map<Endpoint, CheckResult> answers = new HashMap<>();
    private final Map<Endpoint, Integer> runs = new HashMap<>();
    private final List<RealServerChecker.CheckRun> held = new ArrayList<>();
    private final java.util.Set<Endpoint> hanging = new java.util.HashSet<>();

    FakeChecks(VirtualScheduler scheduler) {
        this.scheduler = scheduler;
    }

    void pass(String server) {
        answers.put(Endpoint.parse(server), CheckResult.pass("tcp " + server + " accepted a connection"));
    }

    void fail(String server) {
        answers.put(Endpoint.parse(server), CheckResult.fail("tcp " + server + ": Connection refused"));
    }

    /** Its next checks do not return until {@link #release}. */
    void hang(String server) {
        hanging.add(Endpoint.parse(server));
    }

    /** The held checks of {@code server} return now (with its current answer), and later ones run at once. */
    void release(String server) {
        Endpoint e = Endpoint.parse(server);
        hanging.remove(e);
        List<RealServerChecker.CheckRun> mine = held.stream().filter(r -> r.server().equals(e)).toList();
        held.removeAll(mine);
        mine.forEach(scheduler::execute);
    }

    /** How many checks of {@code server} have run (a held one only once it returns). */
    int runs(String server) {
        return runs.getOrDefault(Endpoint.parse(server), 0);
    }

    @Override
    public RealServerCheck make(CheckSpec spec, IpvsService service, Endpoint server) {
        answers.putIfAbsent(server, CheckResult.pass("tcp " + server + " accepted a connection"));
        return new RealServerCheck() {
            @Override
            public CheckResult check(Duration timeout) {
                runs.merge(server, 1, Integer::sum);
                return answers.get(server);
            }

            @Override
            public String describe() {
                return "tcp " + server;
            }
        };
    }

    @Override
    public void execute(Runnable command) {
        RealServerChecker.CheckRun run = (RealServerChecker.CheckRun) command;
        if (hanging.contains(run.server())) {
            held.add(run);
        } else {
            scheduler.execute(run);
        }
    }
}
