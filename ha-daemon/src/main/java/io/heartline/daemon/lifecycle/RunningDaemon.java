package io.heartline.daemon.lifecycle;

import io.heartline.daemon.alerts.AlertService;
import io.heartline.daemon.control.Admission;
import io.heartline.daemon.control.CommandTable;
import io.heartline.daemon.control.ControlServer;
import io.heartline.daemon.control.ControlSettings;
import io.heartline.daemon.control.StatusBuilder;
import io.heartline.daemon.fencing.FenceService;
import io.heartline.daemon.groups.GroupService;
import io.heartline.daemon.groups.TakeoverService;
import io.heartline.daemon.loop.ActionRunner;
import io.heartline.daemon.loop.EventLoop;
import io.heartline.daemon.media.BeaconSender;
import io.heartline.daemon.media.LinkWatcher;
import io.heartline.daemon.media.MediaService;
import io.heartline.daemon.media.MediaListener;
import io.heartline.daemon.media.Pacer;
import io.heartline.daemon.media.Realtime;
import io.heartline.daemon.reload.Reloader;
import io.heartline.core.Clock;
import io.heartline.core.ExitCode;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.VipConfig;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.OwnershipStore;
import io.heartline.daemon.systemd.Systemd;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.membership.Decider;
import io.heartline.membership.DeciderSettings;
import io.heartline.membership.Event;
import io.heartline.takeover.Takeover;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started daemon: its parts wired together, in the order they must start and stop. Start:
 * state, journal, takeover (stale VIPs removed), event loop, media, control socket, timers.
 * Stop (SIGTERM): hand every group over, tell the peers, then close everything.
 */
public final class RunningDaemon {
    private static final Logger log = LoggerFactory.getLogger(RunningDaemon.class);
    /** At least this long for SIGTERM's handover; longer when the groups' stop timeouts add up to more. */
    private static final long SHUTDOWN_WAIT_MS = 20_000;

    private final HeartlineConfig config;
    private final Clock clock;
    private final Journal journal;
    private final TakeoverService takeover;
    private final EventLoop loop;
    private final List<HeartbeatMedium> media;
    private final GroupService groups;
    private final ActionRunner actions;
    private final BeaconSender beacons;
    private final ControlServer control;
    private final ScheduledExecutorService timers;
    private final AlertService alerts;
    private final FenceService fencer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Systemd systemd = Systemd.NONE;
    private volatile io.heartline.daemon.metrics.DaemonMetrics metrics;

    private RunningDaemon(HeartlineConfig config, Clock clock, Journal journal, TakeoverService takeover, EventLoop loop,
                          List<HeartbeatMedium> media, GroupService groups, ActionRunner actions, BeaconSender beacons,
                          ControlServer control, ScheduledExecutorService timers, AlertService alerts, FenceService fencer) {
        this.config = config;
        this.clock = clock;
        this.journal = journal;
        this.takeover = takeover;
        this.loop = loop;
        this.media = media;
        this.groups = groups;
        this.actions = actions;
        this.beacons = beacons;
        this.control = control;
        this.timers = timers;
        this.alerts = alerts;
        this.fencer = fencer;
    }

    public static RunningDaemon start(HeartlineConfig config, Clock clock) throws StartupException {
        String node = config.self().name();
        OwnershipStore store = new OwnershipStore(config.stateDir());
        Map<String, Ownership> terms;
        Journal journal;
        boolean standby;
        try {
            terms = store.load();
            standby = new io.heartline.core.state.ModeStore(config.stateDir()).standby();
        } catch (IOException e) {
            throw new StartupException(ExitCode.FATAL, e.getMessage(), e);
        }
        try {
            journal = new Journal(config.journalFile());
        } catch (IOException e) {
            throw new StartupException(ExitCode.OSERR, "cannot open the event journal " + config.journalFile() + ": " + e, e);
        }
        TakeoverService takeover = TakeoverService.open(config);
        removeStaleVips(config, takeover.takeover(), journal, clock);

        Realtime.install(config.timing().realtimePriority());
        Decider decider = new Decider(DeciderSettings.from(config));
        EventLoop loop = new EventLoop(decider, decider.initial(terms, clock.monotonicNanos(), standby), clock);
        MediaListener listener = new MediaListener(loop);
        List<HeartbeatMedium> media = MediaService.create(config);
        long incarnation = clock.wallTime().toEpochMilli();
        BeaconSender beacons = new BeaconSender(media, loop::state, incarnation);
        GroupService groups;
        try {
            groups = new GroupService(config, takeover, loop, journal, clock);
        } catch (io.heartline.core.config.InvalidSectionException e) {
            throw new StartupException(ExitCode.CONFIG, e.getMessage(), e);
        }
        ActionRunner actions = new ActionRunner(node, clock, store, journal, groups, beacons);
        loop.onActions(actions::run);
        AlertService alerts;
        try {
            alerts = AlertService.start(config, clock, journal);
        } catch (io.heartline.core.config.InvalidSectionException e) {
            throw new StartupException(ExitCode.CONFIG, e.getMessage(), e);
        }
        io.heartline.daemon.metrics.RecordMetrics recordMetrics = new io.heartline.daemon.metrics.RecordMetrics(config, clock);
        actions.onRecord(r -> {
            alerts.onRecord(r);
            recordMetrics.accept(r);
        });
        io.heartline.stonith.metrics.FenceMetrics fenceMetrics = new io.heartline.stonith.metrics.FenceMetrics();
        FenceService fencer;
        try {
            fencer = FenceService.start(config, clock, loop, fenceMetrics);
        } catch (io.heartline.core.config.InvalidSectionException e) {
            throw new StartupException(ExitCode.CONFIG, e.getMessage(), e);
        }
        actions.onFence(fencer::fence);
        if (!config.fencing().enabled()) {
            log.warn("FENCING IS OFF: if every heartbeat path is cut while both nodes live, both may own the groups "
                    + "until the partition heals. Configure fencing.devices to rule that out.");
            journal.append(new JournalEntry(clock.wallTime(), node, "fencing-off", null,
                    "fencing = off: a partition can end with two owners", Map.of()));
        }
        StatusBuilder status = new StatusBuilder(config, media, takeover.takeover()::stats, listener.members(),
                listener.quality(), alerts::status, fencer::status, groups::status);
        LinkWatcher links = MediaService.watch(config, media, loop);
        long commandMs = decider.settings().commandNanos() / 1_000_000L + 5_000;
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(() -> {
                io.heartline.core.HeartbeatThreads.started("beacon timer");
                r.run();
            }, "heartline-timer");
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        Pacer pacer = new Pacer(timers, () -> sendBeacon(beacons));
        Reloader reloader = new Reloader(config, clock, journal, groups, (previous, next) -> {
            if (!previous.timing().equals(next.timing())) {
                loop.replaceDecider(new Decider(DeciderSettings.from(next)));
                pacer.pace(next.timing());
            }
            status.update(next);
        });
        ControlSettings controlSettings = ControlSettings.DEFAULTS; // from config.control() once core has it
        ControlServer control = new ControlServer(config.controlSocket(), controlSettings, clock, new Admission(
                CommandTable.create(new CommandTable.Parts(loop, actions, status, alerts, fencer, groups, reloader,
                        journal::entries), clock, commandMs, clock.wallTime()), controlSettings, clock,
                (caller, request) -> journal.append(new JournalEntry(clock.wallTime(), node, "control-request", null,
                        request.command() + " by " + caller, request.toMap()))));
        RunningDaemon d = new RunningDaemon(config, clock, journal, takeover, loop, media, groups, actions, beacons,
                control, timers, alerts, fencer);
        io.heartline.resources.metrics.ResourceMetrics monitorMetrics = new io.heartline.resources.metrics.ResourceMetrics();
        groups.onMonitored(monitorMetrics);
        d.metrics = io.heartline.daemon.metrics.DaemonMetrics.create(config, clock, loop::state, media, takeover.takeover(),
                alerts::status, recordMetrics, fenceMetrics, monitorMetrics);
        long watchEvery = Math.max(50_000_000L, Math.min(200_000_000L, config.timing().interval().toNanos()));
        journal.append(new JournalEntry(clock.wallTime(), node, "daemon-start", null,
                "heartline started (incarnation " + incarnation + ")", Map.of("terms", terms.toString())));
        alerts.daemon(io.heartline.notify.AlertKinds.DAEMON_START, "heartline started");
        loop.start();
        try {
            d.metrics.serve(config.metrics());
            for (HeartbeatMedium m : media) {
                m.start(listener);
            }
            control.start();
            d.systemd = Systemd.fromEnvironment(() -> loop.query(s -> Boolean.TRUE), clock, timers);
        } catch (Exception e) {
            d.closeAll();
            throw new StartupException(ExitCode.OSERR, "cannot start: " + e.getMessage(), e);
        }
        pacer.pace(config.timing());
        Signals.onHangup(reloader::reloadInBackground);
        timers.scheduleAtFixedRate(links::check, 0, watchEvery, TimeUnit.NANOSECONDS);
        d.systemd.ready("node " + node + " up: " + config.groups().size() + " group(s), control socket " + config.controlSocket());
        log.info("heartline {} up: node {}, {} group(s), media {}, interval {} ms, deadtime {} ms",
                config.cluster(), node, config.groups().size(), media.stream().map(HeartbeatMedium::name).toList(),
                config.timing().interval().toMillis(), config.timing().deadtime().toMillis());
        return d;
    }

    /** A crashed daemon leaves its VIPs behind: at start this node owns nothing, so none may stay up. */
    private static void removeStaleVips(HeartlineConfig config, Takeover takeover, Journal journal, Clock clock)
            throws StartupException {
        List<VipConfig> all = config.groups().stream().flatMap(g -> g.vips().stream()).toList();
        try {
            for (VipConfig v : takeover.removeStale(all)) {
                String group = config.groups().stream().filter(g -> g.vips().contains(v)).map(GroupConfig::name)
                        .findFirst().orElse(null);
                journal.append(new JournalEntry(clock.wallTime(), config.self().name(), "stale-vip-removed", group,
                        "VIP left up by an earlier run that did not release it", Map.of("vip", v.toString())));
            }
        } catch (Exception e) {
            throw new StartupException(ExitCode.OSERR, "cannot check for stale VIPs: " + e.getMessage(), e);
        }
    }

    private void sendBeacon() {
        sendBeacon(beacons);
    }

    private static void sendBeacon(BeaconSender beacons) {
        try {
            beacons.send();
        } catch (RuntimeException e) {
            log.error("sending beacon failed", e);
        }
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** SIGTERM: release every group (handing it to a peer), tell the peers, close. Idempotent. */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        systemd.stopping("stopping: handing every group over");
        log.info("stopping: releasing every group");
        loop.post(Event.Shutdown::new);
        try {
            long waitMs = Math.max(SHUTDOWN_WAIT_MS, groups.stopBudget().toMillis() + 5_000);
            if (!actions.shutdownComplete().await(waitMs, TimeUnit.MILLISECONDS)) {
                log.error("groups not released within {} ms (their stop timeouts); stopping anyway", waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sendBeacon(); // the handover, once more, before the media drain and close
        closeAll();
        fencer.close();
        alerts.close();
        journal.append(new JournalEntry(clock.wallTime(), config.self().name(), "daemon-stop", null, "stopped", Map.of()));
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("closing journal: {}", e.toString());
        }
        stopped.countDown();
    }

    private void closeAll() {
        if (metrics != null) {
            metrics.close();
        }
        systemd.close();
        timers.shutdownNow();
        control.close();
        media.forEach(HeartbeatMedium::close);
        groups.close();
        loop.stop();
        takeover.close();
    }
}
