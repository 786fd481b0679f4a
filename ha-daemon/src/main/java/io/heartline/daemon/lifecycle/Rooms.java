package io.heartline.daemon.lifecycle;

import io.heartline.core.Clock;
import io.heartline.daemon.StartupException;
import io.heartline.core.ExitCode;
import io.heartline.core.NodeId;
import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.VipConfig;
import io.heartline.core.control.Request;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.journal.JournalReader;
import io.heartline.core.journal.RecordKind;
import io.heartline.core.state.CleanupNotes;
import io.heartline.core.state.IncarnationStore;
import io.heartline.core.state.ModeStore;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.OwnershipStore;
import io.heartline.daemon.alerts.AlertService;
import io.heartline.daemon.alerts.JournalHealth;
import io.heartline.daemon.control.Admission;
import io.heartline.daemon.control.Caller;
import io.heartline.daemon.control.CommandTable;
import io.heartline.daemon.control.ControlServer;
import io.heartline.daemon.control.ControlSettings;
import io.heartline.daemon.control.EventSource;
import io.heartline.daemon.control.EventsQuery;
import io.heartline.daemon.control.StatusBuilder;
import io.heartline.daemon.detect.ProbeService;
import io.heartline.daemon.fencing.FenceService;
import io.heartline.daemon.groups.GroupService;
import io.heartline.daemon.groups.TakeoverService;
import io.heartline.daemon.loop.ActionRunner;
import io.heartline.daemon.loop.EventLoop;
import io.heartline.daemon.loop.Inbox;
import io.heartline.daemon.loop.StateView;
import io.heartline.daemon.media.BeaconSender;
import io.heartline.daemon.media.LinkWatcher;
import io.heartline.daemon.media.MediaListener;
import io.heartline.daemon.media.MediaService;
import io.heartline.daemon.media.Pacer;
import io.heartline.daemon.media.Realtime;
import io.heartline.daemon.metrics.DaemonMetrics;
import io.heartline.daemon.metrics.LoopMetrics;
import io.heartline.daemon.metrics.RecordMetrics;
import io.heartline.daemon.page.PageSources;
import io.heartline.daemon.page.StatusPage;
import io.heartline.daemon.ping.PingService;
import io.heartline.daemon.reload.Reloader;
import io.heartline.daemon.systemd.Systemd;
import io.heartline.daemon.witness.WitnessService;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.membership.Action;
import io.heartline.membership.Decider;
import io.heartline.membership.DeciderSettings;
import io.heartline.resources.metrics.ResourceMetrics;
import io.heartline.stonith.metrics.FenceMetrics;
import io.heartline.takeover.Takeover;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every part of a daemon, each built once with everything it needs (no setter wiring, no
 * half-built daemon): state and journal, takeover (stale VIPs removed), the fatal path, the inbox,
 * media and the detector's probe port (bound here: a daemon that cannot hold it does not start),
 * groups, alerts, fencing, the tie-breaks (ping nodes, witness), the actions and the loop, control,
 * reload, metrics and the status page, systemd.
 * Nothing here is started; {@link RunningDaemon} starts and stops them in order.
 */
record Rooms(HeartlineConfig config, Clock clock, Journal journal, TakeoverService takeover, Fatal fatal,
             EventLoop loop, ActionRunner actions, List<HeartbeatMedium> media, MediaListener listener,
             BeaconSender beacons, LinkWatcher links, ProbeService probes, GroupService groups, AlertService alerts,
             FenceService fence,
             ControlServer control, Reloader reloader, ScheduledExecutorService timers, Pacer pacer,
             DaemonMetrics metrics, StatusPage page, Systemd systemd, PingService ping, WitnessService witness,
             long incarnation, Map<String, Ownership> terms) {

    static Rooms build(HeartlineConfig config, Clock clock) throws StartupException {
        String node = config.self().name();
        OwnershipStore store = new OwnershipStore(config.stateDir());
        ModeStore modes = new ModeStore(config.stateDir());
        Map<String, Ownership> terms;
        boolean standby;
        long incarnation;
        try {
            terms = store.load();
            standby = modes.standby();
            modes.clearMaintenance(); // maintenance ended with the daemon that was in it
            incarnation = new IncarnationStore(config.stateDir(), clock).next(); // before the first beacon
        } catch (IOException e) {
            throw new StartupException(ExitCode.FATAL, e.getMessage(), e);
        }
        JournalHealth journalHealth = new JournalHealth();
        Journal journal = openJournal(config, journalHealth);
        TakeoverService takeover = TakeoverService.open(config);
        List<VipConfig> allVips = config.groups().stream().flatMap(g -> g.vips().stream()).toList();
        journalCleanupNotes(config, journal);
        removeStaleVips(config, takeover.takeover(), allVips, journal, clock);
        VipListKeeper vipList = VipListKeeper.of(config);
        vipList.atStart(config); // before any VIP can be claimed
        Fatal fatal = Fatal.halting(() -> releaseQuietly(takeover.takeover(), allVips));

        Realtime.install(config.timing().realtimePriority());
        Decider decider = new Decider(DeciderSettings.from(config));
        // initdead counts from Event.MediaOpen, posted once every medium is started (RunningDaemon)
        StateView view = new StateView(decider.initial(terms, clock.monotonicNanos(), standby).mediaOpening());
        Inbox inbox = new Inbox(fatal);
        List<HeartbeatMedium> media = MediaService.create(config);
        MediaListener listener = new MediaListener(inbox);
        ProbeService probes = ProbeService.open(config, MediaService.heartbeatAddresses(config), clock, inbox);
        BeaconSender beacons = new BeaconSender(media, view, incarnation, decider.settings().deadNanos());
        ResourceMetrics monitorMetrics = new ResourceMetrics();
        FenceMetrics fenceMetrics = new FenceMetrics();
        RecordMetrics recordMetrics = new RecordMetrics(config, clock);
        GroupService groups;
        AlertService alerts;
        FenceService fence;
        try {
            groups = new GroupService(config, takeover, inbox, journal, clock, monitorMetrics);
            alerts = AlertService.start(config, clock, journal);
            alerts.watch(journalHealth);
            fence = FenceService.start(config, clock, inbox, fenceMetrics);
        } catch (InvalidSectionException e) {
            throw new StartupException(ExitCode.CONFIG, e.getMessage(), e);
        }
        PingService ping;
        try {
            ping = PingService.open(config, clock, inbox::post);
        } catch (IOException e) {
            throw new StartupException(ExitCode.OSERR, e.getMessage(), e);
        }
        WitnessService witness = WitnessService.open(config, clock, inbox::post);
        ActionRunner actions = new ActionRunner(node, clock, store, modes, journal,
                new ActionTargets(groups, fence, beacons, probes, alerts, recordMetrics, witness), inbox);
        EventLoop loop = new EventLoop(decider, view, clock, inbox, actions, fatal);

        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(() -> {
                io.heartline.core.HeartbeatThreads.started("beacon timer");
                r.run();
            }, "heartline-timer");
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        Pacer pacer = new Pacer(timers, beacons::send, fatal);
        StatusBuilder status = new StatusBuilder(config, media, takeover.takeover()::stats, MediaService.members(media),
                listener.quality(), alerts::status, fence::status, groups::status, ping::status, witness::status);
        Reloader reloader = new Reloader(config, clock, journal, groups, new Reloader.Applier() {
            @Override
            public void apply(HeartlineConfig previous, HeartlineConfig next) {
                if (!previous.timing().equals(next.timing())) {
                    loop.replaceDecider(new Decider(DeciderSettings.from(next)));
                    pacer.pace(next.timing());
                }
                status.update(next);
            }

            @Override
            public void vipsChanging(HeartlineConfig previous, HeartlineConfig next) {
                vipList.changing(previous, next);
            }

            @Override
            public void vipsChanged(HeartlineConfig previous, HeartlineConfig next, boolean allApplied) {
                vipList.changed(previous, next, allApplied);
            }
        });
        long commandMs = decider.settings().commandNanos() / 1_000_000L + 5_000;
        ControlSettings limits = new ControlSettings(config.control().maxConnections(), config.control().idleTimeout(),
                config.control().maxRequestBytes(), config.control().adminGroup());
        EventSource events = (after, since, limit) -> JournalReader.read(journal.file(), after, since, limit);
        CommandTable commands = CommandTable.create(new CommandTable.Parts(loop, actions, status, alerts, fence, groups,
                reloader, events), clock, commandMs, clock.wallTime());
        ControlServer control = new ControlServer(config.controlSocket(), limits, clock, new Admission(commands, limits,
                clock, (caller, request) -> journal.append(new JournalEntry(clock.wallTime(), node,
                        RecordKind.CONTROL_COMMAND.wireName(), null, request.command() + " by " + caller,
                        audit(caller, request)))));
        DaemonMetrics metrics = DaemonMetrics.create(config, clock, view, media, takeover.takeover(), alerts::status,
                recordMetrics, fenceMetrics, monitorMetrics, new LoopMetrics(inbox, journal, journalHealth), probes.metrics(),
                ping.metrics(), witness.metrics());
        StatusPage page = StatusPage.create(new ControlAnswers(commands, events, journal), clock,
                config.metrics().maxConnections());
        Systemd systemd = Systemd.fromEnvironment(() -> loop.query(s -> Boolean.TRUE), clock, timers);
        LinkWatcher links = MediaService.watch(config, media, inbox, clock);
        return new Rooms(config, clock, journal, takeover, fatal, loop, actions, media, listener, beacons, links, probes,
                groups, alerts, fence, control, reloader, timers, pacer, metrics, page, systemd, ping, witness, incarnation,
                terms);
    }

    /** The journal line of a command that changes the cluster: who asked, and what. */
    private static Map<String, Object> audit(Caller caller, Request request) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("user", caller.user());
        fields.put("user_group", caller.group());
        fields.put("request", request.toMap());
        return fields;
    }

    /** The status page's data: what {@code hactl status} and {@code hactl events} are answered. */
    private record ControlAnswers(CommandTable commands, EventSource events, Journal journal) implements PageSources {
        @Override
        public java.util.concurrent.CompletableFuture<Map<String, Object>> status() {
            return commands.status();
        }

        @Override
        public Map<String, Object> events(Long after, int limit) {
            return EventsQuery.answer(events, new Request.Events(after, null, limit));
        }

        @Override
        public long journalWritten() {
            return journal.written();
        }
    }

    /** The actions' targets: each decider action goes to the room that owns it. */
    private record ActionTargets(GroupService groups, FenceService fence, BeaconSender beacons, ProbeService probes,
                                 AlertService alerts, RecordMetrics metrics, WitnessService witness)
            implements ActionRunner.Targets {
        @Override
        public void startGroup(String group, long epoch) {
            groups.start(group, epoch);
        }

        @Override
        public void stopGroup(String group) {
            groups.stop(group);
        }

        @Override
        public void pauseMonitors(boolean paused) {
            groups.pauseMonitors(paused);
        }

        @Override
        public void fence(NodeId node) {
            fence.fence(node);
        }

        @Override
        public void sendBeacon() {
            beacons.send();
        }

        @Override
        public void reannounce(String group) {
            groups.reannounce(group);
        }

        @Override
        public void probePeer(Action.ProbePeer probe) {
            probes.probe(probe);
        }

        @Override
        public void recorded(Action.Record record) {
            alerts.onRecord(record);
            metrics.accept(record);
        }

        @Override
        public void askWitness(Action.AskWitness ask) {
            witness.ask(ask);
        }

        @Override
        public void leaveWitness(Action.LeaveWitness leave) {
            witness.leave(leave);
        }
    }

    private static Journal openJournal(HeartlineConfig config, JournalHealth health) throws StartupException {
        try {
            return Journal.open(config.journalFile(), config.journal().maxFileBytes(), config.journal().keep(),
                    Journal.DEFAULT_QUEUE_CAPACITY, health);
        } catch (IOException e) {
            throw new StartupException(ExitCode.OSERR, "cannot open the event journal " + config.journalFile() + ": " + e, e);
        }
    }

    /** What hactl cleanup-vips's fast path (the launcher, no JVM, so no journal writer) left for us to journal. */
    private static void journalCleanupNotes(HeartlineConfig config, Journal journal) {
        try {
            new CleanupNotes(config.stateDir()).take(config.self().name()).forEach(journal::append);
        } catch (IOException e) {
            System.err.println("heartline: cannot read hactl cleanup-vips's notes: " + e.getMessage());
        }
    }

    /** A crashed daemon leaves its VIPs behind: at start this node owns nothing, so none may stay up. */
    private static void removeStaleVips(HeartlineConfig config, Takeover takeover, List<VipConfig> all, Journal journal,
                                        Clock clock) throws StartupException {
        try {
            for (VipConfig v : takeover.removeStale(all)) {
                String group = config.groups().stream().filter(g -> g.vips().contains(v)).map(GroupConfig::name)
                        .findFirst().orElse(null);
                journal.append(new JournalEntry(clock.wallTime(), config.self().name(), RecordKind.STALE_VIP_REMOVED.wireName(),
                        group, "VIP left up by an earlier run that did not release it", Map.of("vip", v.toString())));
            }
        } catch (Exception e) {
            throw new StartupException(ExitCode.OSERR, "cannot check for stale VIPs: " + e.getMessage(), e);
        }
    }

    /** The fatal path's release: every configured VIP that is up here goes, without ARP. */
    private static void releaseQuietly(Takeover takeover, List<VipConfig> all) {
        try {
            takeover.release(all);
        } catch (Exception e) {
            System.err.println("heartline: releasing VIPs on the way out failed: " + e);
        }
    }
}
