package io.heartline.resources.lvs;

import io.heartline.resources.OcfStatus;
import io.heartline.resources.Operation;
import io.heartline.resources.OperationResult;
import io.heartline.resources.Resource;
import io.heartline.resources.ResourceAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lvs-director} script with real-server checks: the script loads, clears and compares
 * the IPVS table as it always did, and while the resource runs (its group is ACTIVE here, the
 * director holds the VIP) a {@link RealServerChecker} checks each real server and changes the
 * table one server at a time.
 *
 * <ul>
 *   <li>start: the script's start (the rules file, loaded whole), then the checks, every server
 *       UP as loaded. A rules file that no longer fits the configured checks fails the start.</li>
 *   <li>stop: the checks first (no change after this), then the script's stop (the table cleared).</li>
 *   <li>monitor: the script's status, compared with the table as the checks have changed it (the
 *       expected file in the state directory) instead of the rules file; a failure when ipvsadm
 *       could not make the checks' changes {@value TableKeeper#GIVE_UP} times in a row.</li>
 * </ul>
 */
public final class LvsDirectorResource implements Resource {
    private static final Logger log = LoggerFactory.getLogger(LvsDirectorResource.class);
    /** How long one ipvsadm change may take. */
    static final Duration IPVSADM_TIMEOUT = Duration.ofSeconds(5);

    private final String group;
    private final String name;
    private final ResourceAgent script;
    private final ResourceAgent expectedStatus;
    private final List<VirtualServiceSpec> specs;
    private final Path rulesFile;
    private final Path expectedFile;
    private final CheckerParts parts;
    private final RealServerListener listener;
    private volatile Running running;
    private volatile boolean maintenance;

    /** The checks while they run, with what they are made of. */
    private record Running(RealServerChecker checker, TableKeeper table, ScheduledExecutorService loop,
                           ExecutorService workers) {
    }

    /**
     * @param script         the script, loading {@code rulesFile}
     * @param expectedStatus the same script given {@code expectedFile}: its status compares the table with that
     */
    public LvsDirectorResource(String group, String name, ResourceAgent script, ResourceAgent expectedStatus,
                               List<VirtualServiceSpec> specs, Path rulesFile, Path expectedFile, CheckerParts parts,
                               RealServerListener listener) {
        this.group = group;
        this.name = name;
        this.script = script;
        this.expectedStatus = expectedStatus;
        this.specs = List.copyOf(specs);
        this.rulesFile = rulesFile;
        this.expectedFile = expectedFile;
        this.parts = parts;
        this.listener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized OperationResult start(Duration timeout) {
        OperationResult loaded = script.run(Operation.START, timeout);
        if (!loaded.succeeded() || running != null) {
            return loaded;
        }
        IpvsRules rules;
        List<VirtualServices.VirtualService> services;
        try {
            rules = IpvsRules.parse(Files.readString(rulesFile));
            services = VirtualServices.match(specs, rules, rulesFile);
        } catch (IOException | IllegalArgumentException e) {
            return OperationResult.of(Operation.START, OcfStatus.ERR_CONFIGURED, "rules loaded, but the real-server checks"
                    + " do not fit " + rulesFile + ": " + e.getMessage(), loaded.took());
        }
        String id = group + "-" + name;
        TableKeeper table = new TableKeeper(group, name, rules, services, parts.ipvsadm(), IPVSADM_TIMEOUT, expectedFile, listener);
        table.writeExpected();
        ScheduledExecutorService loop = parts.loop(id);
        int servers = services.stream().mapToInt(s -> s.dests().size()).sum();
        ExecutorService workers = parts.workers(id, servers);
        RealServerChecker checker = new RealServerChecker(group, name, services, table, loop, workers, parts.clock(), listener,
                parts::check);
        checker.hold(maintenance);
        checker.start();
        running = new Running(checker, table, loop, workers);
        return OperationResult.of(Operation.START, OcfStatus.SUCCESS, loaded.output() + "; checking " + servers
                + " real server(s) of " + services.size() + " virtual service(s)", loaded.took());
    }

    /** The checks first (given at most half of {@code timeout}), then the script's stop with the rest. */
    @Override
    public synchronized OperationResult stop(Duration timeout) {
        long t0 = parts.clock().monotonicNanos();
        stopChecks(timeout.dividedBy(2));
        Duration left = timeout.minusNanos(parts.clock().monotonicNanos() - t0);
        return script.run(Operation.STOP, left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
    }

    /** Stops the checks and waits, up to {@code bound}, until no change to the table can still come. */
    private void stopChecks(Duration bound) {
        Running r = running;
        if (r == null) {
            return;
        }
        running = null;
        r.checker().stop();
        r.loop().shutdown();
        r.workers().shutdownNow();
        try {
            if (!r.loop().awaitTermination(Math.min(IPVSADM_TIMEOUT.toMillis() * 2, bound.toMillis()), TimeUnit.MILLISECONDS)) {
                log.warn("({}/{}) real-server checks did not stop in time", group, name);
                r.loop().shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(expectedFile);
        } catch (IOException e) {
            log.warn("({}/{}) cannot delete {}: {}", group, name, expectedFile, e.toString());
        }
    }

    @Override
    public OperationResult monitor(Duration timeout) {
        Running r = running;
        if (r == null) {
            return script.run(Operation.MONITOR, timeout);
        }
        r.table().lock().lock();
        try {
            String gaveUp = r.table().givenUp();
            if (gaveUp != null) {
                return OperationResult.of(Operation.MONITOR, OcfStatus.ERR_GENERIC,
                        "the real-server checks cannot change the IPVS table: " + gaveUp);
            }
            return expectedStatus.run(Operation.MONITOR, timeout);
        } finally {
            r.table().lock().unlock();
        }
    }

    /** In maintenance the checks go on (status shows them) but change nothing in the table. */
    @Override
    public void maintenance(boolean on) {
        maintenance = on;
        Running r = running;
        if (r != null) {
            r.checker().hold(on);
        }
    }

    @Override
    public String describe() {
        return script.describe();
    }

    /** {@code real_servers}: every checked server and sorry server, while the checks run. */
    @Override
    public Map<String, Object> statusDetails() {
        Running r = running;
        List<RealServerStatus> servers = r == null ? List.of() : r.checker().status();
        return Map.of("real_servers", servers.stream().map(RealServerStatus::toMap).toList());
    }

    /** The checks' status now (empty while stopped). */
    public List<RealServerStatus> realServers() {
        Running r = running;
        return r == null ? List.of() : r.checker().status();
    }
}
