package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.cluster.HoldingTimeline.Observation;
import io.heartline.cluster.HoldingTimeline.Span;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a cluster of real daemons for the whole of a fault scenario and says, for any window,
 * what happened to the VIP: the fault matrix's split-brain detector.
 *
 * <ul>
 *   <li>which nodes had the VIP configured: a netlink dump every 20 ms ({@link VipWatch}) plus
 *       the netlink address events of every node ({@link AddressEvents}), so that a holder-ship
 *       shorter than the sampling period is still seen;</li>
 *   <li>which nodes answer ARP for it and which announce it ({@link ArpAudit}: probes from a
 *       prober host, gratuitous ARPs captured in the client's namespace);</li>
 *   <li>what the client gets ({@link ClientPoller}, every 10 ms);</li>
 *   <li>which daemons are not running: paused or killed by the nemesis (it says so), or exited by
 *       themselves (a crash, seen by checking every daemon's process every 20 ms). A holder whose
 *       daemon does not run is a <em>stale</em> holder, counted apart from running ones.</li>
 * </ul>
 *
 * <p>{@link #report} turns a window into an {@link AuditReport}; the arithmetic is
 * {@link HoldingTimeline} and {@link ClientTimeline}, pure and unit-tested.
 */
final class Auditor implements AutoCloseable {
    private final HeartlinePair pair;
    private final List<String> nodes;
    private final VipWatch samples;
    private final List<AddressEvents> events = new ArrayList<>();
    private final ArpAudit arp;
    private final ClientPoller client;
    private final Map<String, List<Span>> notRunning = new HashMap<>();
    private final Map<String, Long> openSince = new HashMap<>();
    private final Map<String, Long> pausedSince = new HashMap<>();
    private final Set<Long> expectedExits = new HashSet<>();
    private final Map<Long, String> exitsSeen = new LinkedHashMap<>();
    private final List<Crash> crashes = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean running = true;

    /** A daemon that exited without the nemesis asking. */
    record Crash(long atMillis, String node, long pid, int exitCode) {
        @Override
        public String toString() {
            return node + " pid " + pid + " exit " + exitCode + " at " + atMillis;
        }
    }

    private Auditor(Lab lab, HeartlinePair pair, String vip, String iface, String clientHost, String prober, int port) {
        this.pair = pair;
        this.nodes = lab.nodes();
        this.samples = lab.onClose(VipWatch.start(lab, vip, iface));
        for (String node : nodes) {
            events.add(AddressEvents.start(lab, node, vip, iface));
        }
        Map<String, String> byMac = new HashMap<>();
        for (String node : nodes) {
            byMac.put(lab.mac(node, iface).toLowerCase(Locale.ROOT), node);
        }
        this.arp = ArpAudit.start(lab, vip, iface, clientHost, prober, byMac);
        this.client = lab.onClose(ClientPoller.start(lab, clientHost, vip, port));
        this.watcher = new Thread(this::watchDaemons, "auditor-daemons");
        this.watcher.setDaemon(true);
        this.watcher.start();
        lab.onClose(this);
    }

    /**
     * Audits {@code vip} on {@code iface} of every node of the lab: the client polls it on
     * {@code port} from {@code clientHost}, ARP is probed from {@code prober}.
     */
    static Auditor start(Lab lab, HeartlinePair pair, String vip, String iface, String clientHost, String prober, int port) {
        return new Auditor(lab, pair, vip, iface, clientHost, prober, port);
    }

    ClientPoller client() {
        return client;
    }

    VipWatch samples() {
        return samples;
    }

    ArpAudit arp() {
        return arp;
    }

    // ---- what the nemesis tells --------------------------------------------------------------

    /** The nemesis is about to stop {@code node}'s daemon on purpose (kill -9, SIGTERM): not a crash. */
    synchronized void expectExit(String node) {
        LabProcess p = pair.daemon(node);
        if (p != null) {
            expectedExits.add(p.pid());
        }
    }

    /**
     * The nemesis killed {@code node}'s daemon at {@code atMillis}: not running from then (or from its
     * freeze, when it was frozen first) until a new one runs.
     */
    synchronized void killed(String node, long atMillis) {
        expectExit(node);
        Long frozen = pausedSince.remove(node);
        openSince.putIfAbsent(node, frozen != null ? Math.min(frozen, atMillis) : atMillis);
    }

    /** {@code node}'s daemon was frozen (SIGSTOP) at {@code atMillis}. */
    synchronized void paused(String node, long atMillis) {
        pausedSince.put(node, atMillis);
    }

    /** {@code node}'s daemon runs again (SIGCONT) since {@code atMillis}. */
    synchronized void resumed(String node, long atMillis) {
        Long since = pausedSince.remove(node);
        if (since != null) {
            notRunning.computeIfAbsent(node, n -> new ArrayList<>()).add(new Span(since, atMillis));
        }
    }

    // ---- the watcher -------------------------------------------------------------------------

    private void watchDaemons() {
        while (running) {
            long now = System.currentTimeMillis();
            for (String node : nodes) {
                LabProcess p = pair.daemon(node);
                if (p == null) {
                    continue;
                }
                synchronized (this) {
                    if (p.isAlive() && !expectedExits.contains(p.pid())) {
                        Long since = openSince.remove(node);
                        if (since != null) { // a new daemon runs: the dead span of the one before ends
                            notRunning.computeIfAbsent(node, n -> new ArrayList<>()).add(new Span(since, now));
                        }
                    } else if (!p.isAlive() && !exitsSeen.containsKey(p.pid())) {
                        exitsSeen.put(p.pid(), node);
                        openSince.putIfAbsent(node, now);
                        if (!expectedExits.contains(p.pid())) {
                            crashes.add(new Crash(now, node, p.pid(), p.exitCode().orElse(-1)));
                        }
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /** What happened in {@code [from, to)}. Throws if a part of the audit stopped working. */
    AuditReport report(String label, long from, long to) {
        samples.holders(); // throws if the sampler failed
        if (!events.stream().allMatch(AddressEvents::alive) || !arp.alive()) {
            throw new IllegalStateException("a monitor of the audit stopped (see the lab's logs)");
        }
        List<Observation> obs = new ArrayList<>();
        for (VipWatch.Change c : samples.changes()) {
            for (String node : nodes) {
                obs.add(new Observation(c.epochMillis(), node, c.holders().contains(node)));
            }
        }
        events.forEach(e -> obs.addAll(e.events()));
        Map<String, List<Span>> spans = new HashMap<>();
        List<String> crashed;
        synchronized (this) {
            notRunning.forEach((n, l) -> spans.put(n, new ArrayList<>(l)));
            pausedSince.forEach((n, since) -> spans.computeIfAbsent(n, k -> new ArrayList<>()).add(new Span(since, Long.MAX_VALUE)));
            openSince.forEach((n, since) -> spans.computeIfAbsent(n, k -> new ArrayList<>()).add(new Span(since, Long.MAX_VALUE)));
            crashed = crashes.stream().filter(c -> c.atMillis() >= from && c.atMillis() < to).map(Crash::toString).toList();
        }
        HoldingTimeline timeline = HoldingTimeline.of(nodes, obs, spans, from, to);
        List<ArpAudit.Seen> garps = arp.announcements().stream().filter(s -> s.atMillis() >= from && s.atMillis() < to).toList();
        return new AuditReport(label, timeline, new ClientTimeline(client.attempts(), from, to), crashed,
                arp.roundsWithTwoAnswers(from, to), garps);
    }

    /** Every crash since the audit began. */
    synchronized List<Crash> crashes() {
        return List.copyOf(crashes);
    }

    /**
     * Waits up to {@code bound} (scaled) until one node alone has held the VIP for {@code quiet}
     * and the client's last attempt was answered by it; returns that node.
     */
    String awaitSettled(Duration quiet, Duration bound) {
        return await("one holder for " + quiet.toMillis() + " ms, answering the client").atMost(Timing.scaled(bound))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    List<VipWatch.Change> changes = samples.changes();
                    VipWatch.Change last = changes.get(changes.size() - 1);
                    if (last.holders().size() != 1 || System.currentTimeMillis() - last.epochMillis() < quiet.toMillis()) {
                        return null;
                    }
                    String holder = last.holders().iterator().next();
                    return client.lastAttempt().filter(a -> holder.equals(a.answer())).isPresent() ? holder : null;
                }, h -> h != null);
    }

    /** As {@link #awaitSettled}, but null instead of a failure when it does not settle within {@code bound}. */
    String settledOrNull(Duration quiet, Duration bound) {
        try {
            return awaitSettled(quiet, bound);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return null;
        }
    }

    /**
     * Waits up to {@code bound} (scaled) until a node other than {@code node} alone holds the VIP
     * and has for {@code quiet}, answering the client; returns it, or null if that does not happen.
     */
    String settledAwayFrom(String node, Duration quiet, Duration bound) {
        try {
            await("the VIP away from " + node).atMost(Timing.scaled(bound)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !node.equals(soleHolder()) && soleHolder() != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return null;
        }
        return settledOrNull(quiet, bound);
    }

    /**
     * Waits up to {@code bound} (scaled), polling every millisecond, until the netlink events or
     * the samples show {@code node} holding ({@code holds}) the VIP or not; false if not within it.
     */
    boolean awaitHolding(String node, boolean holds, Duration bound) {
        try {
            await(node + (holds ? " holding " : " not holding ") + "the VIP").atMost(Timing.scaled(bound))
                    .pollInterval(Duration.ofMillis(1)).until(() -> latest(node) == holds);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private boolean latest(String node) {
        Observation last = null;
        for (AddressEvents e : events) {
            for (Observation o : e.events()) {
                if (o.node().equals(node) && (last == null || o.atMillis() >= last.atMillis())) {
                    last = o;
                }
            }
        }
        List<VipWatch.Change> changes = samples.changes();
        VipWatch.Change sample = changes.get(changes.size() - 1);
        if (last == null || sample.epochMillis() > last.atMillis()) {
            return sample.holders().contains(node);
        }
        return last.holds();
    }

    /** The node that alone holds the VIP in the latest sample, or null. */
    String soleHolder() {
        Set<String> h = samples.holders();
        return h.size() == 1 ? h.iterator().next() : null;
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
