package io.heartline.daemon.groups;

import io.heartline.core.journal.RecordKind;
import io.heartline.daemon.loop.Inbox;
import io.heartline.core.Clock;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.SectionConfig;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.membership.Event;
import io.heartline.resources.AgentSettings;
import io.heartline.resources.VipResource;
import io.heartline.resources.GroupListener;
import io.heartline.resources.GroupManager;
import io.heartline.resources.GroupResult;
import io.heartline.resources.GroupStatus;
import io.heartline.resources.OperationResult;
import io.heartline.resources.ResourceGroup;
import io.heartline.resources.ResourcePolicy;
import io.heartline.resources.ResourceSections;
import io.heartline.resources.ResourceState;
import io.heartline.resources.ResourceStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out StartGroup / StopGroup off the event loop with one {@link GroupManager} per group
 * (VIPs first, then the configured resources in order; stop in reverse), and reports the outcome
 * back as events. Every step is journaled, so the start order and the reverse stop order can be
 * read in the journal. Monitors run here too: a resource beyond its on-fail policy becomes a
 * {@link Event.ResourceFailed} for the decider.
 */
public final class GroupService implements AutoCloseable, GroupListener {
    private static final Logger log = LoggerFactory.getLogger(GroupService.class);
    static final Duration VIP_MONITOR = Duration.ofSeconds(5);

    private final Inbox loop;
    private final Journal journal;
    private final Clock clock;
    private final String node;
    private final Map<String, GroupManager> managers = new LinkedHashMap<>();
    private final Map<String, ScheduledExecutorService> executors = new LinkedHashMap<>();
    private final Map<String, VipResource> vipResources = new LinkedHashMap<>();
    private Duration stopBudget = Duration.ZERO;
    private final io.heartline.resources.metrics.ResourceMetrics monitorMetrics;
    private final io.heartline.core.config.GarpConfig garp;
    /** Who else answers for our VIPs (look before claim, duplicate watch); null when both are off. */
    private final io.heartline.takeover.VipGuard guard;

    public GroupService(HeartlineConfig config, TakeoverService takeover, Inbox loop, Journal journal, Clock clock,
                        io.heartline.resources.metrics.ResourceMetrics monitorMetrics) throws InvalidSectionException {
        this.monitorMetrics = monitorMetrics;
        this.loop = loop;
        this.journal = journal;
        this.clock = clock;
        this.node = config.self().name();
        AgentSettings settings = ResourceSections.settings(config, clock);
        this.garp = config.garp();
        this.guard = vipGuard(config, clock);
        RealServerJournal realServers = new RealServerJournal(journal, clock, node, monitorMetrics != null
                ? monitorMetrics.realServers() : new io.heartline.resources.metrics.RealServerMetrics());
        for (GroupConfig g : config.groups()) {
            ResourceGroup.Builder b = ResourceGroup.builder(g.name());
            if (!g.vips().isEmpty()) {
                String name = g.name();
                VipResource vip = new VipResource(g.vips(), takeover.takeover(), takeover.addresses(), clock, guard,
                        config.garp().lookBeforeClaim(), (v, who, beforeClaim) -> loop.post(at -> new Event.DuplicateVip(
                                at, name, v.cidr(), who.mac(), who.member(), who.foreign(), beforeClaim)));
                vipResources.put(g.name(), vip);
                b.add(vip, ResourcePolicy.defaults().withMonitor(VIP_MONITOR, Duration.ofSeconds(2)));
            }
            for (SectionConfig s : g.resources()) {
                io.heartline.resources.ResourceSpec spec = ResourceSections.spec(s);
                b.add(io.heartline.resources.lvs.LvsDirectors.resource(g.name(), s, spec, settings, config.stateDir(),
                        realServers), spec.policy());
            }
            ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartline-group-" + g.name());
                t.setDaemon(true);
                return t;
            });
            executors.put(g.name(), ex);
            ResourceGroup group = b.build();
            managers.put(g.name(), new GroupManager(group, ex, clock, this));
            Duration groupStop = group.members().stream().map(m -> m.policy().stopTimeout()).reduce(Duration.ZERO, Duration::plus);
            stopBudget = stopBudget.plus(groupStop); // groups stop one after another in the worst case
        }
    }

    /**
     * Start-up probes of every group, before any group can start here: each group's probe is the
     * first task on its own thread, so a start the decider orders later runs after it, and the
     * loop never waits for one. A group is "owned here" when its on-disk term names this node.
     * Every member's finding is journaled ({@code startup-probe}) and counted.
     */
    public void probe(Map<String, io.heartline.core.state.Ownership> terms) {
        managers.forEach((group, m) -> {
            boolean owned = terms.getOrDefault(group, io.heartline.core.state.Ownership.NONE).ownedBy(node);
            m.probe(owned).whenComplete((r, e) -> {
                if (e != null) {
                    log.error("({}) start-up probe failed", group, e);
                    return;
                }
                journalProbe(r);
            });
        });
    }

    private void journalProbe(io.heartline.resources.ProbeReport r) {
        for (io.heartline.resources.ProbeReport.Entry e : r.entries()) {
            if (monitorMetrics != null) {
                monitorMetrics.probed(r.group(), e.resource(), e.found());
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("resource", e.resource());
            f.put("result", e.found().wireName());
            f.put("action", e.action());
            f.put("owned_here_on_disk", r.ownedHere());
            f.put("monitor", e.monitor().summary());
            e.stopped().ifPresent(s -> f.put("stop", s.summary()));
            String cause = e.resource() + " found " + e.found().wireName() + " (" + e.monitor().summary() + ")"
                    + (e.stopped().isEmpty() ? "" : "; " + (e.stop().succeeded() ? "stopped" : "STOP FAILED, it may still run")
                    + (r.ownedHere() ? "" : ": this node does not own the group") + " (" + e.stop().summary() + ")");
            journal.append(new JournalEntry(clock.wallTime(), node, RecordKind.STARTUP_PROBE.wireName(), r.group(), cause, f));
            if (e.found() != io.heartline.resources.ProbeResult.NOT_RUNNING) {
                log.warn("({}/{}) start-up probe: {}", r.group(), e.resource(), cause);
            }
        }
    }

    private static io.heartline.takeover.VipGuard vipGuard(HeartlineConfig config, Clock clock) {
        if (config.garp().lookBeforeClaim().isZero() && config.garp().duplicateCheck().isZero()
                || config.groups().stream().allMatch(g -> g.vips().isEmpty())) {
            return null;
        }
        Map<String, java.net.InetAddress> members = new LinkedHashMap<>();
        config.peers().forEach(n -> members.put(n.id().name(), n.address()));
        try {
            return new io.heartline.takeover.VipGuard(new io.heartline.takeover.RawSocketNeighbourProbe(clock), members);
        } catch (RuntimeException | LinkageError e) {
            log.warn("no look before claims and no duplicate-VIP watch: the ARP probe cannot be loaded ({})", e.toString());
            return null;
        }
    }

    /**
     * The duplicate watch and the periodic re-announcement, each on the group's own thread (so
     * never during its start or stop) and only while its VIPs are up here. Call once, after start-up.
     */
    public void watchVips() {
        executors.forEach((group, ex) -> {
            VipResource vip = vipResources.get(group);
            if (vip == null) {
                return;
            }
            long check = garp.duplicateCheck().toNanos();
            if (guard != null && check > 0) {
                Duration wait = garp.lookBeforeClaim().isZero() ? io.heartline.takeover.NeighbourProbe.VIP_TIMEOUT
                        : garp.lookBeforeClaim().multipliedBy(4);
                ex.scheduleWithFixedDelay(() -> vip.checkDuplicates(wait), check, check, TimeUnit.NANOSECONDS);
            }
            long refresh = garp.refresh().toNanos();
            if (refresh > 0) {
                ex.scheduleWithFixedDelay(vip::reannounce, refresh, refresh, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** The decider's REANNOUNCE: the group's VIPs again, both ARP forms, on the group's thread. */
    public void reannounce(String group) {
        VipResource vip = vipResources.get(group);
        ScheduledExecutorService ex = executors.get(group);
        if (vip != null && ex != null) {
            try {
                ex.execute(vip::reannounce);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.warn("({}) re-announcement not run: the group's thread is stopping", group);
            }
        }
    }

    public void start(String group, long epoch) {
        managers.get(group).start().whenComplete((r, e) -> {
            boolean ok = e == null && r.ok();
            String detail = e != null ? e.toString() : summary(r);
            journalSteps(r);
            if (!ok) {
                log.error("({}) start failed: {}", group, detail);
            }
            loop.post(at -> new Event.GroupStarted(at, group, ok, detail));
        });
    }

    public void stop(String group) {
        managers.get(group).stop().whenComplete((r, e) -> {
            boolean ok = e == null && r.outcome() == GroupResult.Outcome.SUCCESS;
            String detail = e != null ? e.toString() : summary(r);
            journalSteps(r);
            if (!ok) {
                log.error("({}) stop failed: {}", group, detail);
            }
            loop.post(at -> new Event.GroupStopped(at, group, ok, detail));
        });
    }

    public CompletableFuture<ResourceStatus> cleanup(String group, String resource) {
        GroupManager m = managers.get(group);
        if (m == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no group '" + group + "'"));
        }
        return m.cleanup(resource);
    }

    /**
     * A reload changed a group's VIPs: on the group's own thread (so never during its start or
     * stop), claim the added and release the removed ones if the group's VIPs run here. What failed.
     */
    public CompletableFuture<java.util.List<String>> updateVips(String group, java.util.List<io.heartline.core.config.VipConfig> vips) {
        VipResource vip = vipResources.get(group);
        if (vip == null) {
            return CompletableFuture.completedFuture(java.util.List.of("group " + group
                    + " had no VIPs at start: its first VIP needs a restart"));
        }
        GroupManager m = managers.get(group);
        return CompletableFuture.supplyAsync(() -> {
            boolean running = m.status().resources().stream()
                    .anyMatch(r -> r.name().equals(vip.name()) && r.state() == ResourceState.RUNNING);
            java.util.List<String> failed = vip.update(vips, running);
            journal.append(new JournalEntry(clock.wallTime(), node, RecordKind.VIPS_CHANGED.wireName(), group, (running ? "applied here: " : "")
                    + "VIPs now " + vips + (failed.isEmpty() ? "" : "; failed: " + failed), Map.of("running", running)));
            return failed;
        }, executors.get(group));
    }

    /** Maintenance: pause (or resume) every group's monitors; the resources are left as they are. */
    public void pauseMonitors(boolean paused) {
        managers.values().forEach(m -> m.pauseMonitors(paused));
    }

    /** The longest all groups can take to stop, by their stop timeouts: how long a shutdown waits. */
    public Duration stopBudget() {
        return stopBudget;
    }

    public GroupStatus status(String group) {
        return managers.get(group).status();
    }

    private static String summary(GroupResult r) {
        if (r == null) {
            return "no result";
        }
        StringBuilder sb = new StringBuilder().append(r.steps().size()).append(" step(s) in ").append(r.took().toMillis()).append(" ms");
        r.failedResource().ifPresent(f -> sb.append("; failed: ").append(f));
        if (!r.stopFailures().isEmpty()) {
            sb.append("; would not stop: ").append(r.stopFailures());
        }
        r.steps().stream().filter(s -> !s.result().succeeded()).findFirst()
                .ifPresent(s -> sb.append(" (").append(s.result().summary()).append(')'));
        return sb.toString();
    }

    private void journalSteps(GroupResult r) {
        if (r == null) {
            return;
        }
        for (GroupResult.Step s : r.steps()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("resource", s.resource());
            f.put("op", s.op().name());
            f.put("status", s.status().name());
            f.put("took_ms", s.took().toMillis());
            journal.append(new JournalEntry(clock.wallTime(), node, RecordKind.RESOURCE_OP.wireName(), r.group(), s.result().summary(), f));
        }
    }

    @Override
    public void failoverRequired(String group, String resource, String reason) {
        loop.post(at -> new Event.ResourceFailed(at, group, resource, reason, false));
    }

    @Override
    public void stopFailed(String group, String resource, OperationResult result) {
        loop.post(at -> new Event.ResourceFailed(at, group, resource, result.summary(), true));
    }

    @Override
    public void stateChanged(String group, String resource, ResourceState from, ResourceState to, String cause) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("resource", resource);
        f.put("from", from.name());
        f.put("to", to.name());
        journal.append(new JournalEntry(clock.wallTime(), node, RecordKind.RESOURCE_STATE.wireName(), group, cause, f));
        if (to == ResourceState.FAILED) {
            log.warn("({}/{}) FAILED: {}", group, resource, cause);
        }
    }

    /** Counts every monitor result in {@code metrics} from now on. */
    @Override
    public void monitored(String group, String resource, OperationResult result) {
        io.heartline.resources.metrics.ResourceMetrics m = monitorMetrics;
        if (m != null) {
            m.monitored(group, resource, result);
        }
    }

    @Override
    public void close() {
        managers.values().forEach(GroupManager::close);
        executors.values().forEach(ScheduledExecutorService::shutdownNow);
        if (guard != null) {
            guard.close();
        }
    }
}
