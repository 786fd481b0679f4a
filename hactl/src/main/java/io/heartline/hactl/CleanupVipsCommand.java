package io.heartline.hactl;

import io.heartline.core.ExitCode;
import io.heartline.core.VipRemoval;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidConfigException;
import io.heartline.core.journal.Journal;
import io.heartline.core.journal.JournalEntry;
import io.heartline.core.journal.JournalFaults;
import io.heartline.core.journal.RecordKind;
import io.heartline.core.state.ModeStore;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.OwnershipStore;
import io.heartline.core.state.VipListStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hactl cleanup-vips}: run by systemd's {@code ExecStopPost=} once the daemon's process is
 * gone, it removes the VIPs a daemon killed by SIGKILL or the OOM killer left up (see
 * {@link StaleVips} for which), through the daemon's own address manager, within milliseconds and
 * before any restart, so that this node stops answering ARP for them before (or just as) a peer
 * claims them. After a clean stop they are already gone and it does nothing but look. Every removal
 * (and every failure) is appended to the node's journal, which is safe because no daemon writes it
 * then, and printed on stdout for the system journal.
 */
@Command(name = "cleanup-vips", description = {
        "Remove the VIPs a dead daemon left on this node (run by the unit's ExecStopPost=, or by another supervisor once the daemon has exited).",
        "Nothing is removed while a daemon answers on the control socket, nor when the node was in maintenance.",
        "Otherwise every configured VIP that is up here goes, whatever ownership.json says: with the daemon gone, nobody runs the groups here and a peer claims them at deadtime.",
        "Exit 0 when nothing is left up (also when there was nothing to do); 1 when an address could not be removed (the message names it)."})
final class CleanupVipsCommand implements Callable<Integer> {
    private static final String ME = "hactl cleanup-vips: ";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "config file (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/heartline/heartline.conf")
    Path config;

    @Option(names = "--vip-list", paramLabel = "FILE",
            description = "the daemon's VIP list (beside its control socket, e.g. /run/heartline/vips): the launcher removes "
                    + "its VIPs before any JVM starts; here its VIPs are removed with the configured ones")
    Path vipList;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "give up after this many milliseconds, exit 1 naming what was left (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    private final VipRemoval removal;
    private final PrintStream out;
    private final PrintStream err;

    CleanupVipsCommand() {
        this(ServiceLoader.load(VipRemoval.class).findFirst().orElse(null), System.out, System.err);
    }

    CleanupVipsCommand(VipRemoval removal, PrintStream out, PrintStream err) {
        this.removal = removal;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        HeartlineConfig c;
        try {
            c = ConfigLoader.load(config);
        } catch (InvalidConfigException e) {
            e.problems().stream().map(ConfigProblem::toString).forEach(err::println);
            err.println(ME + "cannot tell which VIPs to remove: " + e.problems().size() + " problem(s) in " + config);
            return ExitCode.CONFIG.code();
        }
        String node = c.self().name();
        Boolean answers = daemonAnswers(c.controlSocket());
        if (answers == null) {
            err.println(ME + "cannot tell whether a daemon runs (control socket " + c.controlSocket()
                    + " neither answers nor refuses): nothing removed");
            return ExitCode.FAILED.code();
        }
        StaleVips.Plan plan = StaleVips.decide(node, answers, new ModeStore(c.stateDir()).maintenance(), c.groups(),
                listed(), terms(c.stateDir()));
        if (plan.leavesEverything()) {
            out.println(ME + plan.reason() + "; nothing removed");
            return ExitCode.OK.code();
        }
        if (removal == null) {
            err.println(ME + "no address manager (the ha-takeover jar is not installed beside hactl): nothing removed");
            return ExitCode.SOFTWARE.code();
        }
        Removals done = new Removals();
        FutureTask<Void> task = new FutureTask<>(() -> remove(plan, done), null);
        Thread worker = new Thread(task, "cleanup-vips");
        worker.setDaemon(true);
        worker.start();
        try {
            task.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.failed(done.current(), "not finished within " + timeoutMs + " ms (--timeout)");
        } catch (ExecutionException e) {
            done.failed(done.current(), "unexpected error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.failed(done.current(), "interrupted");
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        report(c, plan, done, tookMs);
        return (done.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED).code();
    }

    private void remove(StaleVips.Plan plan, Removals done) {
        try (VipRemoval.Remover r = removal.open()) {
            for (StaleVips.Target t : plan.targets()) {
                done.current(t);
                try {
                    if (r.remove(t.vip())) {
                        done.removed(t);
                    }
                } catch (IOException | RuntimeException e) {
                    done.failed(t, e.getMessage());
                }
            }
            done.current(null);
        } catch (IOException e) {
            done.failed(null, "cannot open the address manager: " + e.getMessage());
        }
    }

    private void report(HeartlineConfig c, StaleVips.Plan plan, Removals done, long tookMs) {
        String node = c.self().name();
        String after = exitOfTheDaemon();
        for (StaleVips.Target t : done.removed()) {
            out.println(ME + "removed " + t.vip().cidr() + " from " + t.vip().iface() + " (group " + t.group()
                    + (t.ownedHereOnDisk() ? ", owned here on disk" : "") + "): " + plan.reason());
        }
        for (Map.Entry<StaleVips.Target, String> f : done.failures().entrySet()) {
            StaleVips.Target t = f.getKey();
            err.println(ME + (t == null ? "" : "could not remove " + t.vip().cidr() + " from " + t.vip().iface()
                    + " (group " + t.group() + "): ") + f.getValue());
        }
        out.println(ME + done.removed().size() + " VIP(s) removed, " + done.failures().size() + " failed, of "
                + plan.targets().size() + " checked in " + tookMs + " ms" + (after.isEmpty() ? "" : " (" + after + ")"));
        if (done.removed().isEmpty() && done.failures().isEmpty()) {
            return; // a clean stop: nothing to journal
        }
        try {
            Journal journal = Journal.open(c.journalFile(), c.journal().maxFileBytes(), c.journal().keep(),
                    Journal.DEFAULT_QUEUE_CAPACITY, JournalFaults.NONE);
            Instant now = Instant.now();
            for (StaleVips.Target t : done.removed()) {
                journal.append(new JournalEntry(now, node, RecordKind.STALE_VIP_REMOVED.wireName(), t.group(),
                        "VIP left up by a daemon that did not release it; removed by hactl cleanup-vips",
                        fields(t, after, tookMs)));
            }
            for (Map.Entry<StaleVips.Target, String> f : done.failures().entrySet()) {
                StaleVips.Target t = f.getKey();
                Map<String, Object> fields = t == null ? new LinkedHashMap<>() : fields(t, after, tookMs);
                fields.put("error", f.getValue());
                journal.append(new JournalEntry(now, node, RecordKind.STALE_VIP_LEFT.wireName(), t == null ? null : t.group(),
                        "hactl cleanup-vips could not remove a VIP the dead daemon left up: " + f.getValue(), fields));
            }
            journal.close();
        } catch (IOException | RuntimeException e) {
            err.println(ME + "could not append to the journal " + c.journalFile() + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> fields(StaleVips.Target t, String after, long tookMs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("vip", t.vip().toString());
        f.put("by", "cleanup-vips");
        f.put("owned_here_on_disk", t.ownedHereOnDisk());
        f.put("took_ms", tookMs);
        if (!after.isEmpty()) {
            f.put("daemon_exit", after);
        }
        return f;
    }

    /** systemd tells ExecStopPost= how the main process ended ($SERVICE_RESULT, $EXIT_CODE, $EXIT_STATUS). */
    private static String exitOfTheDaemon() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("SERVICE_RESULT", "EXIT_CODE", "EXIT_STATUS")) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                parts.add(name.toLowerCase(java.util.Locale.ROOT) + "=" + v);
            }
        }
        return String.join(" ", parts);
    }

    /**
     * Whether a daemon listens on the control socket: a non-blocking connect, so it never waits.
     * No file or a refused connection (a killed daemon's socket file stays behind) is false; an
     * accepted or pending connection is true; anything else (no permission) is null: cannot tell.
     */
    static Boolean daemonAnswers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.configureBlocking(false);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true; // connected, or pending: someone listens
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return Files.exists(socket) ? null : false;
        }
    }

    /** The VIPs of the daemon's list, if one was named and it is this config's; else none (the config's VIPs are removed). */
    private List<VipListStore.Entry> listed() {
        if (vipList == null) {
            return List.of();
        }
        try {
            return new VipListStore(vipList).read().filter(l -> l.config().equals(config.toString()))
                    .map(VipListStore.Listed::vips).orElse(List.of());
        } catch (IOException e) {
            err.println(ME + "warning: " + e.getMessage() + " (the configured VIPs are removed)");
            return List.of();
        }
    }

    /** The on-disk terms, for the report only; unreadable ones are reported as unknown, never a reason to keep a VIP. */
    private Map<String, Ownership> terms(Path stateDir) {
        try {
            return new OwnershipStore(stateDir).load();
        } catch (IOException e) {
            err.println(ME + "warning: " + e.getMessage());
            return Map.of();
        }
    }

    /** What the worker did so far; read by the caller after its wait, even a timed-out one. */
    private static final class Removals {
        private final List<StaleVips.Target> removed = new ArrayList<>();
        private final Map<StaleVips.Target, String> failures = new LinkedHashMap<>();
        private StaleVips.Target current;

        synchronized void current(StaleVips.Target t) {
            current = t;
        }

        synchronized StaleVips.Target current() {
            return current;
        }

        synchronized void removed(StaleVips.Target t) {
            removed.add(t);
        }

        synchronized void failed(StaleVips.Target t, String why) {
            failures.put(t, why);
        }

        synchronized List<StaleVips.Target> removed() {
            return List.copyOf(removed);
        }

        synchronized Map<StaleVips.Target, String> failures() {
            return new LinkedHashMap<>(failures);
        }
    }
}
