package io.heartline.daemon.lifecycle;

import io.heartline.core.Clock;
import io.heartline.daemon.StartupException;
import io.heartline.core.ExitCode;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.journal.RecordKind;
import io.heartline.daemon.media.LinkWatcher;
import io.heartline.heartbeat.HeartbeatMedium;
import io.heartline.membership.Event;
import io.heartline.notify.AlertKinds;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started daemon: its {@link Rooms}, started in order and stopped in reverse. Start: the fatal
 * path, the start-up probes of every resource (on the groups' threads), the loop, the detector's
 * probes, the witness's session and the ping rounds, metrics and the status page, media, the
 * control socket, beacons, link watching, then READY.
 * Stop (SIGTERM): hand every group over, tell the peers, then close everything.
 */
public final class RunningDaemon {
    private static final Logger log = LoggerFactory.getLogger(RunningDaemon.class);
    /** At least this long for SIGTERM's handover; longer when the groups' stop timeouts add up to more. */
    private static final long SHUTDOWN_WAIT_MS = 20_000;

    private final Rooms rooms;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private RunningDaemon(Rooms rooms) {
        this.rooms = rooms;
    }

    public static RunningDaemon start(HeartlineConfig config, Clock clock) throws StartupException {
        Rooms r = Rooms.build(config, clock);
        String node = config.self().name();
        if (!config.fencing().enabled()) {
            log.warn("FENCING IS OFF: if every heartbeat path is cut while both nodes live, both may own the groups "
                    + "until the partition heals. Configure fencing.devices to rule that out.");
            r.journal().append(new JournalEntry(clock.wallTime(), node, RecordKind.FENCING_OFF.wireName(), null,
                    "fencing = off: a partition can end with two owners", Map.of()));
        }
        r.links().start(); // netlink link events, or polling when they cannot be had: the start line says which
        r.journal().append(new JournalEntry(clock.wallTime(), node, RecordKind.DAEMON_START.wireName(), null,
                "heartline started (incarnation " + r.incarnation() + "; links " + r.links().mode() + ")",
                Map.of("terms", r.terms().toString(), "links", r.links().mode())));
        r.alerts().daemon(AlertKinds.DAEMON_START, "heartline started");
        RunningDaemon d = new RunningDaemon(r);
        r.fatal().install();
        // Pacemaker's start-up probes, each the first task on its group's thread: any start comes after
        r.groups().probe(r.terms());
        r.loop().start();
        r.probes().start(); // the probe port drained, the prober warmed up before any peer can be suspect
        r.witness().start(); // connects in the background; the decider asks only on a silent peer
        r.ping().start();
        try {
            if (config.metrics().enabled()) {
                r.metrics().serve(config.metrics(), new io.heartline.daemon.http.HttpLimits(config.metrics().maxConnections(),
                        config.metrics().timeout()), clock, r.page().routes());
                r.page().start();
            }
            for (HeartbeatMedium m : r.media()) {
                m.start(r.listener());
            }
            r.loop().post(Event.MediaOpen::new); // initdead counts from here (a JGroups connect takes seconds)
            r.control().start();
        } catch (Exception e) {
            d.closeAll();
            r.witness().close();
            throw new StartupException(ExitCode.OSERR, "cannot start: " + e.getMessage(), e);
        }
        r.pacer().pace(config.timing());
        Signals.onHangup(r.reloader()::reloadInBackground);
        Signals.onFaultHook(() -> r.loop().injectFault(new Error("injected fault (heartline.fault-hook, SIGUSR2)")));
        // Our own carrier must be known well before the peers' deadtime, or a node cut off claims on
        // their silence first (Isolation in the decider). rtnetlink reports a change at once, so the
        // check (sysfs re-read as a safety net) runs once a second; when interfaces must be polled,
        // or a serial port is watched, it runs every beacon interval.
        long watchEvery = Math.max(5_000_000L, Math.min(200_000_000L, config.timing().interval().toNanos()));
        d.watchLinks(watchEvery);
        r.groups().watchVips(); // the duplicate-VIP watch and the GARP refresh (garp { duplicate-check, refresh })
        r.systemd().ready("node " + node + " up: " + config.groups().size() + " group(s), control socket " + config.controlSocket());
        log.info("heartline {} up: node {}, {} group(s), media {}, interval {} ms, deadtime {} ms, {}",
                config.cluster(), node, config.groups().size(), r.media().stream().map(HeartbeatMedium::name).toList(),
                config.timing().interval().toMillis(), config.timing().deadtime().toMillis(), config.timing().twoStage()
                        ? "suspect-after " + config.timing().suspectAfter().toMillis() + " ms, confirm-timeout "
                        + config.timing().confirmTimeout().toMillis() + " ms" : "two-stage detector off");
        return d;
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
        rooms.systemd().stopping("stopping: handing every group over");
        log.info("stopping: releasing every group");
        rooms.loop().post(Event.Shutdown::new);
        try {
            long waitMs = Math.max(SHUTDOWN_WAIT_MS, rooms.groups().stopBudget().toMillis() + 5_000);
            if (!rooms.actions().shutdownComplete().await(waitMs, TimeUnit.MILLISECONDS)) {
                log.error("groups not released within {} ms (their stop timeouts); stopping anyway", waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            rooms.beacons().send(); // the handover, once more, before the media drain and close
        } catch (RuntimeException e) {
            log.error("sending the last beacon failed", e);
        }
        closeAll();
        rooms.witness().close(); // after the handover: closing the session gives every lock back at once
        rooms.fence().close();
        rooms.alerts().close();
        rooms.journal().append(new JournalEntry(rooms.clock().wallTime(), rooms.config().self().name(),
                RecordKind.DAEMON_STOP.wireName(), null, "stopped", Map.of()));
        try {
            rooms.journal().close();
        } catch (IOException e) {
            log.warn("closing journal: {}", e.toString());
        }
        stopped.countDown();
    }

    /** The link check, rescheduled after each run: every {@code tick} while it must poll, else every second. */
    private void watchLinks(long tick) {
        try {
            rooms.links().check();
        } finally {
            long next = rooms.links().everyTick() ? tick : LinkWatcher.RE_READ_NANOS;
            try {
                rooms.timers().schedule(() -> watchLinks(tick), next, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the daemon is stopping: no more checks
            }
        }
    }

    private void closeAll() {
        rooms.loop().stop();
        rooms.ping().close();
        rooms.metrics().close();
        rooms.page().close();
        rooms.systemd().close();
        rooms.timers().shutdownNow();
        rooms.links().close();
        rooms.control().close();
        rooms.media().forEach(HeartbeatMedium::close);
        rooms.probes().close(); // after the media: our port stays open for as long as our beacons go out
        rooms.groups().close();
        rooms.takeover().close();
    }
}
